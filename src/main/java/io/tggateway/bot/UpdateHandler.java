package io.tggateway.bot;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Handles one update. The dispatcher calls it for one chat's updates one at a time, in
 * {@code update_id} order, on a virtual thread: blocking is fine.
 */
@FunctionalInterface
public interface UpdateHandler {

	/**
	 * Handles the update.
	 * @param update the update
	 * @throws Exception anything; it is logged and counted, and the chat's next update
	 * follows
	 */
	void handle(Update update) throws Exception;

}
