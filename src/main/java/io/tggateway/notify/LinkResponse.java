package io.tggateway.notify;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A one-time deep link: whoever opens it in Telegram and presses Start links their chat
 * to the subject.
 *
 * @param subject the subject
 * @param link the link, {@code https://t.me/<bot username>?start=<token>}
 * @param expiresAt when the link stops working
 */
@Schema(name = "Link")
record LinkResponse(@Schema(example = "user-42") String subject,
		@Schema(example = "https://t.me/acme_bot?start=Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3Jhd") String link,
		Instant expiresAt) {
}
