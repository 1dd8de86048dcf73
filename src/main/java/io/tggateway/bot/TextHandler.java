package io.tggateway.bot;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Handles a plain text message (not a command). Text handlers are asked in their
 * {@link org.springframework.core.annotation.Order order}; the first that takes the
 * message ends the search.
 */
public interface TextHandler {

	/**
	 * Handles the message if it is for this handler.
	 * @param message a new message with text that is not a command
	 * @return whether this handler took the message
	 * @throws Exception anything; it is logged and counted
	 */
	boolean handle(Message message) throws Exception;

}
