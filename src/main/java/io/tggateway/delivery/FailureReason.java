package io.tggateway.delivery;

/**
 * Why a delivery failed for good: a small fixed set, fit for a metric tag.
 */
public enum FailureReason {

	/** The person blocked the bot. */
	BLOCKED,
	/** The bot was removed from the group or channel. */
	KICKED,
	/** The person's account is gone. */
	DEACTIVATED,
	/** Telegram refused for another reason (a person who never started the bot). */
	FORBIDDEN,
	/** The chat does not exist for this bot. */
	CHAT_NOT_FOUND,
	/** Telegram rejected the message itself (bad markup, too long). */
	BAD_REQUEST,
	/** It could not be sent within {@code max-age} or {@code max-attempts}. */
	EXPIRED

}
