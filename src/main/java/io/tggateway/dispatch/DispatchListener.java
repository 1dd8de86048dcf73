package io.tggateway.dispatch;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Told when the handling of an accepted update ends, on the lane's thread: the durable
 * inbox marks it handled, metrics time it. Must be quick and must not throw.
 */
@FunctionalInterface
public interface DispatchListener {

	/**
	 * A listener that does nothing.
	 */
	DispatchListener NONE = (update, outcome, waitedNanos, handlingNanos) -> {
	};

	/**
	 * The update's handling ended.
	 * @param update the update
	 * @param outcome how it ended
	 * @param waitedNanos how long it waited in its lane before its handler started
	 * @param handlingNanos how long its handler ran
	 */
	void completed(Update update, DispatchOutcome outcome, long waitedNanos, long handlingNanos);

}
