package io.tggateway.poller;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.dispatch.SubmitResult;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.lifecycle.StopSignal;
import io.tggateway.telegram.UpdateBatch;

/**
 * Moves fetched updates into safety, in order: into the {@link UpdateInbox}, then into
 * the {@link UpdateDispatcher}, holding (never dropping) while the dispatcher is full. It
 * answers the offset the poller may confirm: past every update that is safe, and no
 * further.
 */
final class UpdateHandOff {

	private static final Logger logger = LoggerFactory.getLogger(UpdateHandOff.class);

	private static final Duration CAPACITY_WAIT = Duration.ofMillis(250);

	private static final Duration REFUSAL_LOG_EVERY = Duration.ofSeconds(10);

	private final UpdateDispatcher dispatcher;

	private final UpdateInbox inbox;

	private final PollerTracker tracker;

	/** Written by the poller thread only. */
	private long refusalsNotLogged;

	private long lastRefusalLog = System.nanoTime() - REFUSAL_LOG_EVERY.toNanos();

	UpdateHandOff(UpdateDispatcher dispatcher, UpdateInbox inbox, PollerTracker tracker) {
		this.dispatcher = dispatcher;
		this.inbox = inbox;
		this.tracker = tracker;
	}

	/**
	 * Waits until the dispatcher has room, and answers how much.
	 * @return the room; 0 if none came within a short wait
	 */
	int awaitRoom() {
		return this.dispatcher.awaitCapacity(CAPACITY_WAIT);
	}

	/**
	 * Stores and submits a fetched batch.
	 * @param batch the batch
	 * @param offset the offset the batch was fetched with
	 * @param signal the poller's stop signal
	 * @return the offset that confirms exactly the updates now safe
	 */
	int handOff(UpdateBatch batch, int offset, StopSignal signal) {
		this.tracker.received(batch.size());
		for (int id : batch.unreadableIds()) {
			this.tracker.unreadable();
			logger.warn("Skipped update {}: this version cannot read it (an update type or shape it does not know)",
					id);
		}
		List<Update> fresh = this.inbox.store(batch.updates());
		for (int i = 0; i < fresh.size(); i++) {
			Update update = fresh.get(i);
			if (!submit(update, signal)) {
				// Stopping before the dispatcher took it: confirm only what was accepted,
				// and let the inbox take the rest again when it is fetched again.
				this.inbox.notHandedOver(fresh.subList(i, fresh.size()));
				return update.getUpdateId();
			}
		}
		return batch.nextOffset(offset);
	}

	/**
	 * Submits the inbox's unhandled updates, before the first poll.
	 * @param signal the poller's stop signal
	 * @return {@code false} if the poller stopped before all were submitted
	 */
	boolean replayUnhandled(StopSignal signal) {
		List<Update> unhandled = this.inbox.unhandled();
		if (!unhandled.isEmpty()) {
			logger.info("Replaying {} updates that were stored but not handled", unhandled.size());
		}
		for (int i = 0; i < unhandled.size(); i++) {
			if (!submit(unhandled.get(i), signal)) {
				// Stopping: the rest stays unhandled, for the next replay.
				this.inbox.notHandedOver(unhandled.subList(i, unhandled.size()));
				return false;
			}
		}
		return true;
	}

	/**
	 * Warns about refused updates, at most once every {@link #REFUSAL_LOG_EVERY}: a
	 * flooding chat must not flood the log too.
	 */
	private void logRefusal(Update update) {
		this.refusalsNotLogged++;
		long now = System.nanoTime();
		if (now - this.lastRefusalLog >= REFUSAL_LOG_EVERY.toNanos()) {
			logger.warn("Refused {} update(s), the latest {}: their chat already had gateway.dispatch."
					+ "max-queued-per-chat updates waiting (flood protection; they are dropped). Raise the limit "
					+ "if such backlogs are legitimate.", this.refusalsNotLogged, update.getUpdateId());
			this.refusalsNotLogged = 0;
			this.lastRefusalLog = now;
		}
		else {
			logger.debug("Refused update {}: its chat has too many queued updates", update.getUpdateId());
		}
	}

	/**
	 * Submits one update, holding while the dispatcher is full or not running.
	 * @return {@code false} if the poller stopped before the dispatcher took the update
	 */
	private boolean submit(Update update, StopSignal signal) {
		while (true) {
			SubmitResult result = this.dispatcher.submit(update);
			switch (result) {
				case ACCEPTED -> {
					return true;
				}
				case LANE_FULL -> {
					this.tracker.refused();
					this.inbox.refused(update);
					logRefusal(update);
					return true;
				}
				case QUEUE_FULL -> this.dispatcher.awaitCapacity(CAPACITY_WAIT);
				// The dispatcher is not running (stopped before the poller, or not yet
				// started): hold the update until it runs again or the poller stops.
				// Giving up here would move the offset on and lose the update.
				case STOPPING -> signal.sleep(CAPACITY_WAIT);
			}
			if (signal.isStopped()) {
				return false;
			}
		}
	}

}
