package io.tggateway.poller;

import java.util.List;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where fetched updates are kept until they are handled: the poller's repository. A batch
 * is stored before the offset moves past it, so a durable inbox loses nothing in a crash.
 */
interface UpdateInbox {

	/**
	 * Stores a fetched batch and answers the updates not seen before, oldest first.
	 * @param updates the batch, oldest first
	 * @return the new updates; redeliveries are left out
	 */
	List<Update> store(List<Update> updates);

	/**
	 * The updates stored but not yet handled, oldest first: replayed when polling starts.
	 * @return the unhandled updates
	 */
	List<Update> unhandled();

	/**
	 * Records that the dispatcher refused an update (its chat flooded), so it is not
	 * replayed.
	 * @param update the refused update
	 */
	void refused(Update update);

	/**
	 * Records that stored updates never reached the dispatcher because the poller stopped
	 * first; their offset was not confirmed, so Telegram sends them again. An inbox that
	 * replays unhandled updates keeps them for the replay; one that does not must take
	 * them as new when they are fetched again.
	 * @param updates the updates not handed over, oldest first
	 */
	void notHandedOver(List<Update> updates);

}
