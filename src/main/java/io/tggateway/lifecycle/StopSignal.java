package io.tggateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot stop signal for a background loop: sleeps and waits made through it end as
 * soon as a stop begins (spring-kafka's {@code ListenerUtils.conditionalSleep} does the
 * same). A component creates a new signal each time it starts.
 */
public final class StopSignal {

	private final CountDownLatch stopped = new CountDownLatch(1);

	/**
	 * Signals the stop: every current and later {@link #sleep} returns at once.
	 */
	public void stop() {
		this.stopped.countDown();
	}

	/**
	 * Whether the stop was signalled.
	 * @return {@code true} once {@link #stop()} was called
	 */
	public boolean isStopped() {
		return this.stopped.getCount() == 0;
	}

	/**
	 * Sleeps for the given time unless a stop begins first. An interrupt counts as a
	 * stop: the flag is restored and the method answers {@code false}.
	 * @param duration how long to sleep
	 * @return {@code true} if the full time passed, {@code false} if the loop should end
	 */
	public boolean sleep(Duration duration) {
		try {
			return !this.stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
