package io.tggateway.bot;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.delivery.SendPriority;
import io.tggateway.delivery.TelegramSender;
import io.tggateway.telegram.TelegramCallException;

/**
 * How handlers answer: plain-text messages sent through the service's one send path, as
 * interactive traffic (ahead of bulk notifications).
 */
public final class Replies {

	private final TelegramSender sender;

	Replies(TelegramSender sender) {
		this.sender = sender;
	}

	/**
	 * Sends a plain-text message to a chat.
	 * @param chatId the chat
	 * @param text the text, at most 4096 characters
	 * @return the message as Telegram stored it
	 * @throws TelegramCallException if Telegram refused it, or kept failing
	 * @throws InterruptedException if the handler was interrupted while waiting
	 */
	public Message send(long chatId, String text) throws TelegramCallException, InterruptedException {
		SendMessage message = SendMessage.builder().chatId(chatId).text(text).build();
		return this.sender.send(message, SendPriority.INTERACTIVE);
	}

}
