package io.tggateway.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.testsupport.TestUpdates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the dispatcher shows operators: the update id in the MDC while its handler runs
 * (and not a moment longer: lane workers are reused), and its deepest lanes.
 */
class DispatcherOpsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final CountDownLatch release = new CountDownLatch(1);

	private final Map<Integer, Optional<String>> duringHandler = new ConcurrentHashMap<>();

	private final Map<Integer, Optional<String>> afterHandler = new ConcurrentHashMap<>();

	private UpdateDispatcher dispatcher = new UpdateDispatcher((update) -> {
	}, DispatchListener.NONE, properties(), Duration.ofSeconds(1));

	@AfterEach
	void stop() {
		this.release.countDown();
		this.dispatcher.stop();
	}

	@Test
	void whenAHandlerRunsThenTheMdcHoldsItsUpdateIdAndNothingAfterwards() {
		UpdateHandler handler = (update) -> this.duringHandler.put(update.getUpdateId(),
				Optional.ofNullable(MDC.get(UpdateDispatcher.UPDATE_ID_KEY)));
		// The listener runs on the same lane worker right after the handler returned.
		DispatchListener listener = (update, outcome, waited, handling) -> this.afterHandler.put(update.getUpdateId(),
				Optional.ofNullable(MDC.get(UpdateDispatcher.UPDATE_ID_KEY)));
		this.dispatcher = new UpdateDispatcher(handler, listener, properties(), Duration.ofSeconds(1));
		this.dispatcher.start();
		for (int id = 1; id <= 20; id++) {
			this.dispatcher.submit(TestUpdates.message(id, 7 + id % 3, "x"));
		}
		await().atMost(WAIT).until(() -> this.afterHandler.size() == 20);
		for (int id = 1; id <= 20; id++) {
			assertThat(this.duringHandler.get(id)).contains(String.valueOf(id));
			assertThat(this.afterHandler.get(id)).isEmpty();
		}
	}

	@Test
	void whenAHandlerThrowsThenTheMdcIsClearedToo() {
		UpdateHandler handler = (update) -> {
			throw new IllegalStateException("boom");
		};
		DispatchListener listener = (update, outcome, waited, handling) -> this.afterHandler.put(update.getUpdateId(),
				Optional.ofNullable(MDC.get(UpdateDispatcher.UPDATE_ID_KEY)));
		this.dispatcher = new UpdateDispatcher(handler, listener, properties(), Duration.ofSeconds(1));
		this.dispatcher.start();
		this.dispatcher.submit(TestUpdates.message(5, 9, "x"));
		await().atMost(WAIT).until(() -> this.afterHandler.containsKey(5));
		assertThat(this.afterHandler.get(5)).isEmpty();
	}

	@Test
	void whenLanesHoldUpdatesThenTheDeepestAreListedFirst() {
		this.dispatcher = new UpdateDispatcher((update) -> {
			if (!this.release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}, DispatchListener.NONE, properties(), Duration.ofSeconds(1));
		this.dispatcher.start();
		int id = 0;
		for (long chat : new long[] { 11, 22, 22, 22, 33, 33 }) {
			this.dispatcher.submit(TestUpdates.message(++id, chat, "x"));
		}
		await().atMost(WAIT).until(() -> this.dispatcher.stats().running() == 3);
		assertThat(this.dispatcher.deepestLanes(2)).containsExactly(new LaneDepth(22, 3), new LaneDepth(33, 2));
		assertThat(this.dispatcher.deepestLanes(10)).extracting(LaneDepth::key).containsExactly(22L, 33L, 11L);
		this.release.countDown();
		await().atMost(WAIT).until(() -> this.dispatcher.deepestLanes(10).isEmpty());
		assertThat(this.dispatcher.deepestLanes(10)).isEqualTo(List.of());
	}

	private static DispatchProperties properties() {
		return new DispatchProperties(8, 100, 10, Duration.ofSeconds(30));
	}

}
