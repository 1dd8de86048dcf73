package io.tggateway.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.testsupport.TestUpdates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dispatcher's meters: gauges and counters read the dispatcher, and every handled
 * update records its lane wait and its handler's duration once.
 */
class DispatchMetricsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final DispatchTimers timers = new DispatchTimers();

	private final DispatchProperties properties = new DispatchProperties(4, 50, 2, Duration.ofSeconds(60));

	private final UpdateDispatcher dispatcher = new UpdateDispatcher((update) -> {
		if (update.getMessage().getText().equals("fail")) {
			throw new IllegalStateException("handler failed");
		}
		if (update.getMessage().getText().equals("hold")) {
			this.release.await();
		}
	}, this.timers, this.properties, WAIT);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.dispatcher.stop();
	}

	@Test
	void whenUpdatesAreHandledThenTheMetersCountAndTimeThem() {
		new DispatchMetrics(this.dispatcher, this.properties, this.timers).bindTo(this.registry);
		this.dispatcher.start();
		this.dispatcher.submit(TestUpdates.message(1, 10, "hold"));
		this.dispatcher.submit(TestUpdates.message(2, 10, "waits behind the held one"));
		this.dispatcher.submit(TestUpdates.message(3, 10, "refused: the lane is full"));
		this.dispatcher.submit(TestUpdates.message(4, 20, "fail"));
		await().atMost(WAIT).until(() -> updates().getOrDefault("failed", 0.0) == 1);
		assertThat(gauge(DispatchMetrics.QUEUED)).isEqualTo(2);
		assertThat(gauge(DispatchMetrics.RUNNING)).isEqualTo(1);
		assertThat(gauge(DispatchMetrics.LANES_ACTIVE)).isEqualTo(1);
		assertThat(gauge(DispatchMetrics.CAPACITY)).isEqualTo(50);
		this.release.countDown();
		await().atMost(WAIT).until(() -> updates().getOrDefault("handled", 0.0) == 2);
		assertThat(updates())
			.containsExactlyInAnyOrderEntriesOf(Map.of("handled", 2.0, "failed", 1.0, "timed_out", 0.0));
		assertThat(this.registry.get(DispatchMetrics.UPDATES_ACCEPTED).functionCounter().count()).isEqualTo(3);
		assertThat(this.registry.get(DispatchMetrics.UPDATES_REFUSED)
			.tag(DispatchMetrics.REASON, "lane_full")
			.functionCounter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(DispatchMetrics.HANDLER_DURATION).timer().count()).isEqualTo(3);
		assertThat(this.registry.get(DispatchMetrics.LANE_WAIT).timer().count()).isEqualTo(3);
		assertThat(this.registry.get(DispatchMetrics.LANE_WAIT).timer().max(TimeUnit.NANOSECONDS))
			.as("the update that waited behind the held one")
			.isPositive();
	}

	@Test
	void whenTheMetersAreNotBoundYetThenHandlingGoesOnUntimed() {
		this.dispatcher.start();
		this.dispatcher.submit(TestUpdates.message(1, 10, "before binding"));
		await().atMost(WAIT).until(() -> this.dispatcher.stats().handled() == 1);
		new DispatchMetrics(this.dispatcher, this.properties, this.timers).bindTo(this.registry);
		assertThat(this.registry.get(DispatchMetrics.HANDLER_DURATION).timer().count()).isZero();
		assertThat(updates()).containsEntry("handled", 1.0);
	}

	private Map<String, Double> updates() {
		return this.registry.find(DispatchMetrics.UPDATES)
			.functionCounters()
			.stream()
			.collect(Collectors.toMap((counter) -> counter.getId().getTag(DispatchMetrics.OUTCOME),
					FunctionCounter::count));
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
