package io.tggateway.dispatch;

import java.time.Duration;

import io.tggateway.lifecycle.StopSignal;

/**
 * Looks for handlers that overran {@code gateway.dispatch.handler-timeout}, a few times
 * per timeout period, on its own virtual thread. The lanes pay nothing for it but a
 * timestamp per update.
 */
final class HandlerWatchdog {

	private static final Duration MIN_PERIOD = Duration.ofMillis(10);

	private static final Duration MAX_PERIOD = Duration.ofSeconds(1);

	private final UpdateDispatcher dispatcher;

	private final Duration period;

	private final StopSignal stopSignal = new StopSignal();

	HandlerWatchdog(UpdateDispatcher dispatcher, Duration handlerTimeout) {
		this.dispatcher = dispatcher;
		Duration quarter = handlerTimeout.dividedBy(4);
		this.period = (quarter.compareTo(MIN_PERIOD) < 0) ? MIN_PERIOD
				: (quarter.compareTo(MAX_PERIOD) > 0) ? MAX_PERIOD : quarter;
	}

	void start() {
		Thread.ofVirtual().name("tg-dispatch-watchdog").start(this::watch);
	}

	void stop() {
		this.stopSignal.stop();
	}

	private void watch() {
		while (this.stopSignal.sleep(this.period)) {
			this.dispatcher.inspectLanes(System.nanoTime());
		}
	}

}
