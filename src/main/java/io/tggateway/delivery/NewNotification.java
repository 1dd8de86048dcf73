package io.tggateway.delivery;

import org.jspecify.annotations.Nullable;

/**
 * A notification a client asks to send.
 *
 * @param client the calling service's name
 * @param recipient who it is for
 * @param message what it says
 * @param idempotencyKey the client's key for safe retries, or {@code null}
 */
public record NewNotification(String client, Recipient recipient, OutgoingMessage message,
		@Nullable String idempotencyKey) {
}
