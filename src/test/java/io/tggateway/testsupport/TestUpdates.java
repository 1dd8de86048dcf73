package io.tggateway.testsupport;

import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Builds updates in memory, for tests that do not go through the fake Bot API.
 */
public final class TestUpdates {

	private TestUpdates() {
	}

	/**
	 * A text message in a chat: private for positive ids, a group for negative ones.
	 * @param updateId the update id
	 * @param chatId the chat id
	 * @param text the text
	 * @return the update
	 */
	public static Update message(int updateId, long chatId, String text) {
		Message message = new Message();
		message.setMessageId(updateId);
		message.setChat(new Chat(chatId, (chatId > 0) ? "private" : "group"));
		message.setFrom(user((chatId > 0) ? chatId : 1));
		message.setDate((int) (System.currentTimeMillis() / 1000));
		message.setText(text);
		Update update = new Update();
		update.setUpdateId(updateId);
		update.setMessage(message);
		return update;
	}

	/**
	 * A user.
	 * @param id the user id
	 * @return the user
	 */
	public static User user(long id) {
		return new User(id, "User " + id, false);
	}

}
