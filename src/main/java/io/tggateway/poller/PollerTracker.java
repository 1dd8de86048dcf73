package io.tggateway.poller;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What the poller has been doing, for health, metrics and the ops endpoint: its state,
 * its last success and error, and its counters. Written by the poller thread, read by
 * anyone.
 */
final class PollerTracker {

	private final LongAdder polls = new LongAdder();

	private final LongAdder failedPolls = new LongAdder();

	private final LongAdder updatesReceived = new LongAdder();

	private final LongAdder unreadableUpdates = new LongAdder();

	private final LongAdder refusedUpdates = new LongAdder();

	private volatile PollerState state = PollerState.STOPPED;

	private volatile @Nullable Instant lastSuccessfulPoll;

	private volatile @Nullable String lastError;

	private volatile int consecutiveFailures;

	PollerState state() {
		return this.state;
	}

	void state(PollerState state) {
		this.state = state;
	}

	/**
	 * Records a successful poll.
	 * @return how many polls had failed in a row before it
	 */
	int polled() {
		int failures = this.consecutiveFailures;
		this.lastSuccessfulPoll = Instant.now();
		this.polls.increment();
		this.consecutiveFailures = 0;
		this.lastError = null;
		this.state = PollerState.POLLING;
		return failures;
	}

	/**
	 * Records a failed call.
	 * @param error what failed
	 * @return how many calls have failed in a row, this one included
	 */
	int failed(String error) {
		this.failedPolls.increment();
		this.lastError = error;
		// Only the poller thread writes the counter; others just read it.
		int failures = this.consecutiveFailures + 1;
		this.consecutiveFailures = failures;
		return failures;
	}

	void error(String error) {
		this.lastError = error;
	}

	void received(int updates) {
		this.updatesReceived.add(updates);
	}

	void unreadable() {
		this.unreadableUpdates.increment();
	}

	void refused() {
		this.refusedUpdates.increment();
	}

	PollerStatus status(int offset, int confirmedOffset) {
		return new PollerStatus(this.state, offset, confirmedOffset, this.lastSuccessfulPoll, this.lastError,
				this.consecutiveFailures, this.polls.sum(), this.failedPolls.sum(), this.updatesReceived.sum(),
				this.unreadableUpdates.sum(), this.refusedUpdates.sum());
	}

}
