package io.tggateway.telegram;

import java.io.IOException;
import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP error answer that is not a Bot API error object (an HTML page from a proxy, an
 * empty 502): TelegramBots would only see an unreadable body, so the status is kept here.
 */
final class HttpStatusException extends IOException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String retryAfter;

	HttpStatusException(int status, @Nullable String retryAfter) {
		super("HTTP " + status + " without a Bot API answer");
		this.status = status;
		this.retryAfter = retryAfter;
	}

	int status() {
		return this.status;
	}

	@Nullable String retryAfter() {
		return this.retryAfter;
	}

}
