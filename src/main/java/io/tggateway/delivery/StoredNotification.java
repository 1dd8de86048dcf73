package io.tggateway.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A notification as the outbox keeps it.
 *
 * @param id its id
 * @param client the calling service
 * @param recipient who it was for, described
 * @param message what it says and how
 * @param parts the texts of the Telegram messages it becomes, in order
 * @param createdAt when it was accepted
 * @param idempotencyKey the client's idempotency key, or {@code null}
 * @param fingerprint a hash of the request, to recognise a repeated one
 */
record StoredNotification(UUID id, String client, String recipient, OutgoingMessage message, List<String> parts,
		Instant createdAt, @Nullable String idempotencyKey, String fingerprint) {

	StoredNotification {
		parts = List.copyOf(parts);
	}

}
