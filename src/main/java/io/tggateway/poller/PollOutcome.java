package io.tggateway.poller;

import java.util.Locale;

import io.tggateway.telegram.TelegramFailure;

/**
 * How a call to Telegram by the poller ended: a small fixed set, fit for a metric tag.
 */
enum PollOutcome {

	/** Telegram answered. */
	OK,
	/** The network, Telegram (5xx) or the inbox failed. */
	FAILED,
	/** Telegram answered 409: another poller or a webhook. */
	CONFLICT,
	/** Telegram rejected the token (401). */
	UNAUTHORIZED,
	/** Telegram answered 429 with {@code retry_after}. */
	RATE_LIMITED;

	/**
	 * The outcome of a failed call.
	 * @param failure how it failed
	 * @return the outcome
	 */
	static PollOutcome of(TelegramFailure failure) {
		return switch (failure) {
			case TelegramFailure.Conflict _ -> CONFLICT;
			case TelegramFailure.Unauthorized _ -> UNAUTHORIZED;
			case TelegramFailure.RetryAfter _ -> RATE_LIMITED;
			default -> FAILED;
		};
	}

	/**
	 * The outcome's name as a tag value.
	 * @return the name in lower case
	 */
	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
