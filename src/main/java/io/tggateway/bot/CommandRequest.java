package io.tggateway.bot;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * One invocation of a command.
 *
 * @param message the message that carried it
 * @param command the command's name, lower case, without slash or {@code @bot_name}
 * @param arguments the text after the command, trimmed; empty if none
 */
public record CommandRequest(Message message, String command, String arguments) {

	/**
	 * The chat the command was sent in.
	 * @return the chat id
	 */
	public long chatId() {
		return this.message.getChatId();
	}

	/**
	 * Whether the command came from a private chat with the bot.
	 * @return {@code true} for a private chat
	 */
	public boolean isPrivate() {
		return this.message.getChat() != null && this.message.getChat().isUserChat();
	}

}
