package io.tggateway.audience;

import java.util.Optional;

/**
 * The repository of chats that do not accept messages now: the person blocked the bot,
 * the bot was removed from the group, the account is gone. Topics skip such chats until
 * the person writes to the bot again.
 */
public interface ChatStates {

	/**
	 * Marks a chat inactive.
	 * @param chatId the chat
	 * @param reason why, in words
	 */
	void markInactive(long chatId, String reason);

	/**
	 * Marks a chat active again.
	 * @param chatId the chat
	 * @return whether it was inactive
	 */
	boolean markActive(long chatId);

	/**
	 * Why a chat is inactive.
	 * @param chatId the chat
	 * @return the reason, or empty if the chat is active
	 */
	Optional<String> inactiveReason(long chatId);

}
