package io.tggateway.lifecycle;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential back-off with jitter: attempt 1 waits about {@code initial}, each
 * further attempt doubles it, never beyond {@code max}. The jitter ("equal jitter") keeps
 * half of the delay and randomises the other half, so that replicas and chats that failed
 * together do not retry together.
 *
 * @param initial the delay before the first retry
 * @param max the cap on any delay
 */
public record Backoff(Duration initial, Duration max) {

	public Backoff {
		if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + " and " + max);
		}
	}

	/**
	 * The delay before retry number {@code attempt}.
	 * @param attempt the retry number, starting at 1
	 * @return the delay, between half the capped exponential value and the value itself
	 */
	public Duration delay(int attempt) {
		long initialNanos = this.initial.toNanos();
		long maxNanos = this.max.toNanos();
		int doublings = Math.clamp(attempt - 1, 0, 62);
		long exponential = (doublings >= Long.numberOfLeadingZeros(initialNanos) - 1) ? maxNanos
				: Math.min(maxNanos, initialNanos << doublings);
		long half = exponential / 2;
		return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
	}

}
