package io.tggateway.poller;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * What the poller has been doing, for health, metrics and the ops endpoint: its state,
 * its last success and error, and its counters. Written by the poller thread, read by
 * anyone.
 */
final class PollerTracker {

	private final Map<PollOutcome, LongAdder> outcomes = new EnumMap<>(PollOutcome.class);

	private final LongAdder updatesReceived = new LongAdder();

	private final LongAdder unreadableUpdates = new LongAdder();

	private final LongAdder refusedUpdates = new LongAdder();

	private volatile PollerState state = PollerState.STOPPED;

	private volatile @Nullable Instant lastSuccessfulPoll;

	/** When the poller last started, or when this tracker was made. */
	private volatile Instant started = Instant.now();

	private volatile @Nullable String lastError;

	private volatile int consecutiveFailures;

	private volatile @Nullable PollMeters meters;

	PollerTracker() {
		for (PollOutcome outcome : PollOutcome.values()) {
			this.outcomes.put(outcome, new LongAdder());
		}
	}

	PollerState state() {
		return this.state;
	}

	void state(PollerState state) {
		this.state = state;
	}

	/**
	 * Records that the poller starts.
	 */
	void starting() {
		this.started = Instant.now();
		this.state = PollerState.STARTING;
	}

	/**
	 * Records a successful poll.
	 * @return how many polls had failed in a row before it
	 */
	int polled() {
		int failures = this.consecutiveFailures;
		this.lastSuccessfulPoll = Instant.now();
		count(PollOutcome.OK);
		this.consecutiveFailures = 0;
		this.lastError = null;
		this.state = PollerState.POLLING;
		return failures;
	}

	/**
	 * Records a failure that is not Telegram's answer (the inbox failed).
	 * @param error what failed
	 * @return how many calls have failed in a row, this one included
	 */
	int failed(String error) {
		return failed(PollOutcome.FAILED, error);
	}

	/**
	 * Records a failed call.
	 * @param outcome how it failed
	 * @param error what failed
	 * @return how many calls have failed in a row, this one included
	 */
	int failed(PollOutcome outcome, String error) {
		count(outcome);
		this.lastError = error;
		// Only the poller thread writes the counter; others just read it.
		int failures = this.consecutiveFailures + 1;
		this.consecutiveFailures = failures;
		return failures;
	}

	void error(String error) {
		this.lastError = error;
	}

	/**
	 * Records how long a {@code getUpdates} call took, answered or not.
	 * @param nanos the call's duration
	 */
	void pollTook(long nanos) {
		PollMeters current = this.meters;
		if (current != null) {
			current.pollDuration().record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	void received(int updates) {
		this.updatesReceived.add(updates);
		PollMeters current = this.meters;
		if (current != null) {
			current.batchSize().record(updates);
		}
	}

	void unreadable() {
		this.unreadableUpdates.increment();
	}

	void refused() {
		this.refusedUpdates.increment();
	}

	/**
	 * Starts recording poll durations and batch sizes.
	 * @param meters where to record them
	 */
	void meters(PollMeters meters) {
		this.meters = meters;
	}

	/**
	 * How many calls ended with the given outcome.
	 * @param outcome the outcome
	 * @return the count since start
	 */
	long calls(PollOutcome outcome) {
		return adder(outcome).sum();
	}

	/**
	 * How long since the last successful poll, or since the poller started if none
	 * succeeded since: a poller that never gets through grows old too.
	 * @param now the time now
	 * @return the age
	 */
	Duration sinceLastSuccess(Instant now) {
		Instant success = this.lastSuccessfulPoll;
		Instant since = this.started;
		if (success != null && success.isAfter(since)) {
			since = success;
		}
		return Duration.between(since, now);
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	long updatesReceived() {
		return this.updatesReceived.sum();
	}

	long unreadableUpdates() {
		return this.unreadableUpdates.sum();
	}

	PollerStatus status(int offset, int confirmedOffset) {
		long polls = adder(PollOutcome.OK).sum();
		long failedPolls = 0;
		for (PollOutcome outcome : PollOutcome.values()) {
			failedPolls += (outcome != PollOutcome.OK) ? adder(outcome).sum() : 0;
		}
		return new PollerStatus(this.state, offset, confirmedOffset, this.lastSuccessfulPoll, this.lastError,
				this.consecutiveFailures, polls, failedPolls, this.updatesReceived.sum(), this.unreadableUpdates.sum(),
				this.refusedUpdates.sum());
	}

	private void count(PollOutcome outcome) {
		adder(outcome).increment();
	}

	private LongAdder adder(PollOutcome outcome) {
		return Objects.requireNonNull(this.outcomes.get(outcome));
	}

	/**
	 * Where the poller's per-call measurements go.
	 *
	 * @param pollDuration how long {@code getUpdates} calls took
	 * @param batchSize how many updates each answer held
	 */
	record PollMeters(Timer pollDuration, DistributionSummary batchSize) {
	}

}
