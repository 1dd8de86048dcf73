package io.tggateway.telegram;

import java.time.Duration;

/**
 * Why a Bot API call failed, in the kinds that decide what to do next. Callers switch
 * over this sealed type; the Bot API's free-text descriptions are only carried for logs
 * and statuses.
 */
public sealed interface TelegramFailure {

	/**
	 * A short description for logs and statuses, never containing the token.
	 * @return the description
	 */
	String description();

	/**
	 * 429 Too Many Requests: flood control; nothing may be sent for the given time.
	 *
	 * @param retryAfter how long Telegram asks to wait
	 * @param description Telegram's description
	 */
	record RetryAfter(Duration retryAfter, String description) implements TelegramFailure {
	}

	/**
	 * 409 Conflict: another process polls with this token, or a webhook is set.
	 *
	 * @param description Telegram's description
	 */
	record Conflict(String description) implements TelegramFailure {
	}

	/**
	 * 401 Unauthorized (or 404 for the whole bot URL): the token was rejected or revoked.
	 *
	 * @param description Telegram's description
	 */
	record Unauthorized(String description) implements TelegramFailure {
	}

	/**
	 * 403 Forbidden: the bot may not write to this chat.
	 *
	 * @param reason why, as far as Telegram says
	 * @param description Telegram's description
	 */
	record Forbidden(ForbiddenReason reason, String description) implements TelegramFailure {
	}

	/**
	 * 400 chat not found: the chat id does not exist for this bot.
	 *
	 * @param description Telegram's description
	 */
	record ChatNotFound(String description) implements TelegramFailure {
	}

	/**
	 * 400 with {@code migrate_to_chat_id}: the group became a supergroup with a new id.
	 *
	 * @param newChatId the supergroup's id
	 * @param description Telegram's description
	 */
	record ChatMigrated(long newChatId, String description) implements TelegramFailure {
	}

	/**
	 * 400 message is too long: the text exceeds 4096 characters after entity parsing.
	 *
	 * @param description Telegram's description
	 */
	record MessageTooLong(String description) implements TelegramFailure {
	}

	/**
	 * A failure that may pass: 5xx, network errors, timeouts, a closed client.
	 *
	 * @param description what happened
	 * @param outcomeUnknown {@code true} if the request may have reached Telegram and
	 * taken effect (for example a timeout after it was sent); a retry may then duplicate
	 * it
	 */
	record Transient(String description, boolean outcomeUnknown) implements TelegramFailure {
	}

	/**
	 * Any other 4xx: the request itself is wrong and retrying it will not help.
	 *
	 * @param status the error code
	 * @param description Telegram's description
	 */
	record ClientError(int status, String description) implements TelegramFailure {
	}

	/**
	 * Why Telegram refuses to let the bot write to a chat.
	 */
	enum ForbiddenReason {

		/** The user blocked the bot. */
		BLOCKED,
		/** The bot was removed from the group or channel. */
		KICKED,
		/** The user's account was deleted. */
		DEACTIVATED,
		/** Any other refusal, such as a user who never started the bot. */
		OTHER

	}

}
