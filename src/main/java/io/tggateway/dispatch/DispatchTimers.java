package io.tggateway.dispatch;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Times every handled update: how long it waited in its lane and how long its handler
 * ran. The dispatcher measures both anyway; this listener adds two timer records per
 * update and nothing else. Until {@link DispatchMetrics} binds the timers it records
 * nothing.
 */
final class DispatchTimers implements DispatchListener {

	private volatile @Nullable Timers timers;

	/**
	 * Starts recording into the given timers.
	 * @param laneWait the time an update waited in its lane
	 * @param handlerDuration the time its handler ran
	 */
	void use(Timer laneWait, Timer handlerDuration) {
		this.timers = new Timers(laneWait, handlerDuration);
	}

	@Override
	public void completed(Update update, DispatchOutcome outcome, long waitedNanos, long handlingNanos) {
		Timers current = this.timers;
		if (current != null) {
			current.laneWait().record(waitedNanos, TimeUnit.NANOSECONDS);
			current.handlerDuration().record(handlingNanos, TimeUnit.NANOSECONDS);
		}
	}

	private record Timers(Timer laneWait, Timer handlerDuration) {
	}

}
