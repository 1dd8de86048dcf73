package io.tggateway.ops;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.tggateway.dispatch.DispatchListener;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.testsupport.TestUpdates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DispatcherHealthIndicator} against a real dispatcher whose handlers hold:
 * {@code UP} below the threshold, {@code SATURATED} at it, {@code OUT_OF_SERVICE} when
 * stopped.
 */
class DispatcherHealthIndicatorTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private final DispatchProperties properties = new DispatchProperties(2, 10, 10, Duration.ofSeconds(30));

	private final UpdateDispatcher dispatcher = new UpdateDispatcher((update) -> {
		if (!this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("never released");
		}
	}, DispatchListener.NONE, this.properties, Duration.ofMillis(100));

	private final DispatcherHealthIndicator indicator = new DispatcherHealthIndicator(this.dispatcher, this.properties,
			90);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.dispatcher.stop();
	}

	@Test
	void whenTheQueueFillsUpThenTheDispatcherIsSaturatedAtTheThreshold() {
		this.dispatcher.start();
		for (int id = 1; id <= 8; id++) {
			this.dispatcher.submit(TestUpdates.message(id, 1, "x"));
		}
		await().atMost(WAIT).until(() -> this.dispatcher.stats().running() == 1);
		Health below = this.indicator.health();
		assertThat(below.getStatus()).isEqualTo(Status.UP);
		assertThat(below.getDetails()).containsEntry("queued", 8)
			.containsEntry("capacity", 10)
			.containsEntry("running", 1)
			.containsEntry("runningLimit", 2);

		this.dispatcher.submit(TestUpdates.message(9, 2, "x"));
		Health saturated = this.indicator.health();
		assertThat(saturated.getStatus()).isEqualTo(OpsStatus.SATURATED);
		assertThat(saturated.getDetails()).containsEntry("queueFullPercent", 90L);
		assertThat(String.valueOf(saturated.getDetails().get("reason"))).contains("90 %");
	}

	@Test
	void whenTheDispatcherIsStoppedThenItIsOutOfService() {
		this.dispatcher.start();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
		this.dispatcher.stop();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

}
