package io.tggateway.poller;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.tggateway.poller.PollerTracker.PollMeters;

/**
 * The poller's meters. Gauges and counters read the {@link PollerTracker} when scraped;
 * each {@code getUpdates} call records its duration and its batch size.
 */
final class PollerMetrics implements MeterBinder {

	// No base units on the gauges and counters but the ages: Prometheus appends them to
	// the names.

	/** 1 while the poller polls normally, else 0. */
	static final String UP = "gateway.poller.up";

	/** 1 for the poller's current {@link #STATE_TAG}, 0 for the others. */
	static final String STATE = "gateway.poller.state";

	/** Seconds since the last successful poll (or since the poller started). */
	static final String LAST_SUCCESS_AGE = "gateway.poller.last.success.age";

	/** Failed calls since the last successful one. */
	static final String CONSECUTIVE_FAILURES = "gateway.poller.consecutive.failures";

	/** Calls to Telegram, by {@link #OUTCOME}. */
	static final String POLLS = "gateway.poller.polls";

	/** Updates received. */
	static final String UPDATES_RECEIVED = "gateway.poller.updates.received";

	/** Updates skipped because this version cannot read them. */
	static final String UPDATES_UNREADABLE = "gateway.poller.updates.unreadable";

	/** How long {@code getUpdates} calls took (long polls included). */
	static final String POLL_DURATION = "gateway.poller.poll.duration";

	/** How many updates each {@code getUpdates} answer held. */
	static final String BATCH_SIZE = "gateway.poller.batch.size";

	static final String STATE_TAG = "state";

	static final String OUTCOME = "outcome";

	/** The base unit of the ages: Prometheus names them {@code ..._seconds}. */
	private static final String SECONDS = "seconds";

	/** The Bot API's maximum {@code limit} of a {@code getUpdates} call. */
	private static final double MAX_BATCH = 100;

	/** Longer than the longest long poll (50 s) plus a slow answer. */
	private static final Duration MAX_POLL = Duration.ofSeconds(60);

	private final PollerTracker tracker;

	private final Clock clock;

	PollerMetrics(UpdatePoller poller, Clock clock) {
		this(poller.tracker(), clock);
	}

	PollerMetrics(PollerTracker tracker, Clock clock) {
		this.tracker = tracker;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(UP, this.tracker, (tracker) -> (tracker.state() == PollerState.POLLING) ? 1 : 0)
			.description("1 while the poller polls normally, else 0")
			.register(registry);
		for (PollerState state : PollerState.values()) {
			Gauge.builder(STATE, this.tracker, (tracker) -> (tracker.state() == state) ? 1 : 0)
				.description("1 for the poller's current state, 0 for the others")
				.tag(STATE_TAG, state.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		Gauge
			.builder(LAST_SUCCESS_AGE, this.tracker,
					(tracker) -> tracker.sinceLastSuccess(this.clock.instant()).toNanos() / 1e9)
			.description("Seconds since the last successful poll, or since the poller started if none succeeded")
			.baseUnit(SECONDS)
			.register(registry);
		Gauge.builder(CONSECUTIVE_FAILURES, this.tracker, PollerTracker::consecutiveFailures)
			.description("Failed calls to Telegram since the last successful one")
			.register(registry);
		for (PollOutcome outcome : PollOutcome.values()) {
			FunctionCounter.builder(POLLS, this.tracker, (tracker) -> tracker.calls(outcome))
				.description("Calls to Telegram by the poller, by outcome")
				.tag(OUTCOME, outcome.tag())
				.register(registry);
		}
		FunctionCounter.builder(UPDATES_RECEIVED, this.tracker, PollerTracker::updatesReceived)
			.description("Updates received (readable or not)")
			.register(registry);
		FunctionCounter.builder(UPDATES_UNREADABLE, this.tracker, PollerTracker::unreadableUpdates)
			.description("Updates skipped because this version cannot read them")
			.register(registry);
		Timer pollDuration = Timer.builder(POLL_DURATION)
			.description("How long getUpdates calls took, long polls included")
			.publishPercentileHistogram()
			.maximumExpectedValue(MAX_POLL)
			.register(registry);
		DistributionSummary batchSize = DistributionSummary.builder(BATCH_SIZE)
			.description("How many updates each getUpdates answer held")
			.publishPercentileHistogram()
			.minimumExpectedValue(1.0)
			.maximumExpectedValue(MAX_BATCH)
			.register(registry);
		this.tracker.meters(new PollMeters(pollDuration, batchSize));
	}

}
