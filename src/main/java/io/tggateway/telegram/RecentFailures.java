package io.tggateway.telegram;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last few failed Bot API calls, newest first, for the ops endpoint: an operator's
 * first question is "what did Telegram say?". Bounded: the oldest entry makes room for a
 * new one.
 */
final class RecentFailures {

	private final int capacity;

	private final Clock clock;

	/** Guards {@link #failures}; held only to add or copy. */
	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<RecordedFailure> failures;

	RecentFailures(int capacity, Clock clock) {
		this.capacity = capacity;
		this.clock = clock;
		this.failures = new ArrayDeque<>(capacity);
	}

	void record(TelegramCallException failure) {
		RecordedFailure recorded = new RecordedFailure(this.clock.instant(), failure.method(),
				failure.failure().getClass().getSimpleName(), failure.failure().description());
		this.lock.lock();
		try {
			if (this.failures.size() == this.capacity) {
				this.failures.removeLast();
			}
			this.failures.addFirst(recorded);
		}
		finally {
			this.lock.unlock();
		}
	}

	List<RecordedFailure> newestFirst() {
		this.lock.lock();
		try {
			return List.copyOf(this.failures);
		}
		finally {
			this.lock.unlock();
		}
	}

}
