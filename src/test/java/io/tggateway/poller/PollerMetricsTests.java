package io.tggateway.poller;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.tggateway.telegram.TelegramFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller's meters read its tracker: one state series is 1 at a time, the age grows
 * from the last success, failures are counted by outcome.
 */
class PollerMetricsTests {

	private static final Duration LATER = Duration.ofMinutes(10);

	private final PollerTracker tracker = new PollerTracker();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void bind() {
		new PollerMetrics(this.tracker, Clock.offset(Clock.systemUTC(), LATER)).bindTo(this.registry);
	}

	@Test
	void whenThePollerChangesStateThenOnlyTheCurrentStateSeriesIsOne() {
		assertThat(states()).containsEntry("stopped", 1.0).containsEntry("polling", 0.0);
		assertThat(gauge(PollerMetrics.UP)).isZero();
		for (PollerState state : PollerState.values()) {
			this.tracker.state(state);
			String current = state.name().toLowerCase(Locale.ROOT);
			assertThat(states()).as("series in state %s", current)
				.hasSize(PollerState.values().length)
				.allSatisfy((name, value) -> assertThat(value).isEqualTo(name.equals(current) ? 1.0 : 0.0));
			assertThat(gauge(PollerMetrics.UP)).isEqualTo((state == PollerState.POLLING) ? 1 : 0);
		}
	}

	@Test
	void whenAPollSucceedsThenTheStateIsPollingAndTheAgeStartsAgain() {
		this.tracker.starting();
		this.tracker.failed(PollOutcome.FAILED, "network");
		this.tracker.state(PollerState.BACKING_OFF);
		assertThat(states()).containsEntry("backing_off", 1.0);
		assertThat(gauge(PollerMetrics.CONSECUTIVE_FAILURES)).isEqualTo(1);
		this.tracker.polled();
		assertThat(states()).containsEntry("polling", 1.0).containsEntry("backing_off", 0.0);
		assertThat(gauge(PollerMetrics.CONSECUTIVE_FAILURES)).isZero();
		assertThat(gauge(PollerMetrics.LAST_SUCCESS_AGE)).isBetween(LATER.toSeconds() - 5.0, LATER.toSeconds() + 5.0);
		assertThat(this.registry.get(PollerMetrics.LAST_SUCCESS_AGE).gauge().getId().getBaseUnit())
			.isEqualTo("seconds");
	}

	@Test
	void whenNoPollEverSucceededThenTheAgeCountsFromTheStart() {
		assertThat(gauge(PollerMetrics.LAST_SUCCESS_AGE)).isGreaterThanOrEqualTo(LATER.toSeconds() - 5.0);
	}

	@Test
	void whenCallsFailThenTheyAreCountedByOutcome() {
		this.tracker.polled();
		this.tracker.failed(PollOutcome.of(new TelegramFailure.Conflict("terminated by other getUpdates")), "409");
		this.tracker.failed(PollOutcome.of(new TelegramFailure.RetryAfter(Duration.ofSeconds(3), "429")), "429");
		this.tracker.failed(PollOutcome.of(new TelegramFailure.RetryAfter(Duration.ofSeconds(3), "429")), "429");
		this.tracker.failed(PollOutcome.of(new TelegramFailure.Unauthorized("401")), "401");
		this.tracker.failed("storing updates failed");
		Map<String, Double> polls = this.registry.get(PollerMetrics.POLLS)
			.functionCounters()
			.stream()
			.collect(Collectors.toMap((counter) -> counter.getId().getTag(PollerMetrics.OUTCOME),
					(counter) -> counter.count()));
		assertThat(polls).containsExactlyInAnyOrderEntriesOf(
				Map.of("ok", 1.0, "conflict", 1.0, "rate_limited", 2.0, "unauthorized", 1.0, "failed", 1.0));
		PollerStatus status = this.tracker.status(0, 0);
		assertThat(status.polls()).isEqualTo(1);
		assertThat(status.failedPolls()).isEqualTo(5);
	}

	@Test
	void whenBatchesArriveThenTheirSizesAndDurationsAreRecorded() {
		this.tracker.pollTook(Duration.ofMillis(250).toNanos());
		this.tracker.received(3);
		this.tracker.received(0);
		Timer duration = this.registry.get(PollerMetrics.POLL_DURATION).timer();
		DistributionSummary sizes = this.registry.get(PollerMetrics.BATCH_SIZE).summary();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
		assertThat(sizes.count()).isEqualTo(2);
		assertThat(sizes.totalAmount()).isEqualTo(3);
		assertThat(this.registry.get(PollerMetrics.UPDATES_RECEIVED).functionCounter().count()).isEqualTo(3);
	}

	private Map<String, Double> states() {
		return this.registry.get(PollerMetrics.STATE)
			.gauges()
			.stream()
			.collect(Collectors.toMap((gauge) -> gauge.getId().getTag(PollerMetrics.STATE_TAG), Gauge::value));
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
