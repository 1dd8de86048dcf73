package io.tggateway.audience;

import java.util.List;

/**
 * The repository of subject links: which chats belong to an internal subject such as
 * {@code user-42}. A subject may have several chats, a chat several subjects.
 */
public interface SubjectLinks {

	/**
	 * Links a chat to a subject; linking twice changes nothing.
	 * @param subject the subject
	 * @param chatId the chat
	 * @return whether the link is new
	 */
	boolean link(String subject, long chatId);

	/**
	 * Removes every link of a subject.
	 * @param subject the subject
	 * @return how many chats were unlinked
	 */
	int unlinkSubject(String subject);

	/**
	 * Removes every link of a chat (the person sent {@code /stop}).
	 * @param chatId the chat
	 * @return how many subjects lost the chat
	 */
	int unlinkChat(long chatId);

	/**
	 * The chats linked to a subject, oldest link first.
	 * @param subject the subject
	 * @return the chat ids
	 */
	List<Long> chatsOf(String subject);

	/**
	 * Moves every link of a chat to a new chat id (a group became a supergroup).
	 * @param from the old chat id
	 * @param to the new chat id
	 */
	void moveChat(long from, long to);

}
