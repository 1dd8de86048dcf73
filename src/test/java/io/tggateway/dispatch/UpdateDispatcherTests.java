package io.tggateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.testsupport.TestUpdates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UpdateDispatcher}.
 */
class UpdateDispatcherTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final List<UpdateDispatcher> started = new ArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopAll() {
		this.release.countDown();
		this.started.forEach(UpdateDispatcher::stop);
	}

	@Test
	void whenUpdatesOfOneChatArriveThenTheyAreHandledInOrderOneAtATime() {
		Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
		Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
		AtomicInteger overlaps = new AtomicInteger();
		UpdateDispatcher dispatcher = start((update) -> {
			long chat = update.getMessage().getChatId();
			if (inFlight.computeIfAbsent(chat, (key) -> new AtomicInteger()).incrementAndGet() > 1) {
				overlaps.incrementAndGet();
			}
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos((update.getUpdateId() * 7L) % 300));
			seen.computeIfAbsent(chat, (key) -> new CopyOnWriteArrayList<>()).add(update.getUpdateId());
			inFlight.get(chat).decrementAndGet();
		}, properties(64, 10_000, 1_000));
		for (int id = 0; id < 2_000; id++) {
			assertThat(dispatcher.submit(TestUpdates.message(id, 1 + id % 20, "x"))).isEqualTo(SubmitResult.ACCEPTED);
		}
		await().atMost(WAIT).until(() -> dispatcher.stats().handled() == 2_000);
		assertThat(overlaps).hasValue(0);
		assertThat(seen).hasSize(20);
		seen.values().forEach((ids) -> assertThat(ids).hasSize(100).isSorted());
	}

	@Test
	void whenManyChatsHaveWorkThenTheyRunConcurrently() {
		UpdateDispatcher dispatcher = start(blockingHandler(), properties(256, 10_000, 100));
		for (int chat = 1; chat <= 50; chat++) {
			dispatcher.submit(TestUpdates.message(chat, chat, "x"));
		}
		await().atMost(WAIT).until(() -> dispatcher.stats().running() == 50);
		this.release.countDown();
		await().atMost(WAIT).until(() -> dispatcher.stats().handled() == 50);
	}

	@Test
	void whenRunningHandlersReachTheLimitThenOtherChatsWait() {
		AtomicInteger maxRunning = new AtomicInteger();
		AtomicInteger running = new AtomicInteger();
		UpdateDispatcher dispatcher = start((update) -> {
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			this.release.await();
			running.decrementAndGet();
		}, properties(4, 10_000, 100));
		for (int chat = 1; chat <= 10; chat++) {
			dispatcher.submit(TestUpdates.message(chat, chat, "x"));
		}
		await().atMost(WAIT).until(() -> dispatcher.stats().running() == 4);
		await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> dispatcher.stats().running() == 4);
		this.release.countDown();
		await().atMost(WAIT).until(() -> dispatcher.stats().handled() == 10);
		assertThat(maxRunning).hasValue(4);
	}

	@Test
	void whenOneChatFloodsThenItsExcessIsRefusedAndOtherChatsAreNotStalled() {
		long flooder = 666;
		List<Long> handledChats = new CopyOnWriteArrayList<>();
		UpdateDispatcher dispatcher = start((update) -> {
			long chat = update.getMessage().getChatId();
			if (chat == flooder) {
				this.release.await();
			}
			handledChats.add(chat);
		}, properties(8, 10_000, 5));
		int accepted = 0;
		for (int id = 0; id < 100; id++) {
			if (dispatcher.submit(TestUpdates.message(id, flooder, "spam")) == SubmitResult.ACCEPTED) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(5);
		assertThat(dispatcher.stats().refusedLaneFull()).isEqualTo(95);
		for (int id = 100; id < 130; id++) {
			assertThat(dispatcher.submit(TestUpdates.message(id, id, "hi"))).isEqualTo(SubmitResult.ACCEPTED);
		}
		await().atMost(WAIT).until(() -> handledChats.size() == 30);
		assertThat(handledChats).doesNotContain(flooder);
		this.release.countDown();
		await().atMost(WAIT).until(() -> dispatcher.stats().handled() == 35);
	}

	@Test
	void whenTheQueueIsFullThenSubmitAnswersQueueFullUntilRoomFrees() throws Exception {
		UpdateDispatcher dispatcher = start(blockingHandler(), properties(4, 10, 10));
		for (int id = 0; id < 10; id++) {
			assertThat(dispatcher.submit(TestUpdates.message(id, 1 + id % 2, "x"))).isEqualTo(SubmitResult.ACCEPTED);
		}
		assertThat(dispatcher.submit(TestUpdates.message(10, 3, "x"))).isEqualTo(SubmitResult.QUEUE_FULL);
		assertThat(dispatcher.remainingCapacity()).isZero();
		assertThat(dispatcher.awaitCapacity(Duration.ofMillis(50))).isZero();
		Thread releaser = Thread.ofVirtual().start(this.release::countDown);
		assertThat(dispatcher.awaitCapacity(WAIT)).isPositive();
		releaser.join();
		await().atMost(WAIT).until(() -> dispatcher.stats().handled() == 10);
		assertThat(dispatcher.remainingCapacity()).isEqualTo(10);
		assertThat(dispatcher.stats().refusedQueueFull()).isEqualTo(1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void whenAHandlerThrowsThenTheFailureIsCountedLoggedWithoutTheChatIdAndTheLaneContinues(CapturedOutput output) {
		List<Integer> handled = new CopyOnWriteArrayList<>();
		List<DispatchOutcome> outcomes = new CopyOnWriteArrayList<>();
		UpdateDispatcher dispatcher = start((update) -> {
			if (update.getUpdateId() == 2) {
				throw new IllegalStateException("boom");
			}
			handled.add(update.getUpdateId());
		}, (update, outcome, waited, handling) -> outcomes.add(outcome), properties(4, 100, 100),
				Duration.ofSeconds(5));
		for (int id = 1; id <= 4; id++) {
			dispatcher.submit(TestUpdates.message(id, 123_456_789, "x"));
		}
		await().atMost(WAIT).until(() -> outcomes.size() == 4);
		assertThat(handled).containsExactly(1, 3, 4);
		assertThat(output.getOut()).contains("Handler failed on update 2 (lane …6789)").doesNotContain("123456789");
		assertThat(outcomes).containsExactly(DispatchOutcome.HANDLED, DispatchOutcome.FAILED, DispatchOutcome.HANDLED,
				DispatchOutcome.HANDLED);
		assertThat(dispatcher.stats().failed()).isEqualTo(1);
	}

	@Test
	void whenAHandlerOverrunsTheTimeoutThenItIsInterruptedAndTheLaneContinues() {
		List<Integer> handled = new CopyOnWriteArrayList<>();
		AtomicInteger interrupted = new AtomicInteger();
		UpdateDispatcher dispatcher = start((update) -> {
			if (update.getUpdateId() == 1) {
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					interrupted.incrementAndGet();
					throw ex;
				}
			}
			handled.add(update.getUpdateId());
		}, DispatchListener.NONE, new DispatchProperties(4, 100, 100, Duration.ofMillis(200)), Duration.ofSeconds(5));
		for (int id = 1; id <= 3; id++) {
			dispatcher.submit(TestUpdates.message(id, 42, "x"));
		}
		await().atMost(WAIT).until(() -> handled.size() == 2);
		assertThat(handled).containsExactly(2, 3);
		assertThat(interrupted).hasValue(1);
		assertThat(dispatcher.stats().timedOut()).isEqualTo(1);
		await().atMost(WAIT).until(() -> dispatcher.stats().queued() == 0 && dispatcher.stats().activeLanes() == 0);
	}

	@Test
	void whenAHandlerIgnoresTheInterruptThenTheLaneStillContinues() {
		List<Integer> handled = new CopyOnWriteArrayList<>();
		CountDownLatch stuck = new CountDownLatch(1);
		UpdateDispatcher dispatcher = start((update) -> {
			if (update.getUpdateId() == 1) {
				while (stuck.getCount() > 0) {
					try {
						stuck.await(10, TimeUnit.MILLISECONDS);
					}
					catch (InterruptedException ex) {
						// This handler deliberately ignores interrupts.
					}
				}
			}
			handled.add(update.getUpdateId());
		}, DispatchListener.NONE, new DispatchProperties(4, 100, 100, Duration.ofMillis(200)), Duration.ofSeconds(5));
		for (int id = 1; id <= 3; id++) {
			dispatcher.submit(TestUpdates.message(id, 42, "x"));
		}
		await().atMost(WAIT).until(() -> handled.size() == 2);
		assertThat(handled).containsExactly(2, 3);
		assertThat(dispatcher.stats().timedOut()).isEqualTo(1);
		stuck.countDown();
		await().atMost(WAIT).until(() -> handled.size() == 3);
		assertThat(dispatcher.stats().handled()).isEqualTo(2);
		assertThat(dispatcher.stats().queued()).isZero();
	}

	@Test
	void whenAMillionDistinctChatsPassThroughThenNoLaneIsLeft() {
		UpdateDispatcher dispatcher = start((update) -> {
		}, properties(256, 10_000, 100));
		int total = 1_000_000;
		long mostLanesHeld = 0;
		for (int id = 0; id < total; id++) {
			Update update = TestUpdates.message(id, 1_000_000L + id, "x");
			while (dispatcher.submit(update) == SubmitResult.QUEUE_FULL) {
				dispatcher.awaitCapacity(WAIT);
			}
			if (id % 1_000 == 0) {
				mostLanesHeld = Math.max(mostLanesHeld, dispatcher.lanesHeld());
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> dispatcher.stats().handled() == total);
		// Busy lanes are bounded by the queue (10,000), idle cached ones by the cache.
		assertThat(mostLanesHeld).isLessThanOrEqualTo(10_000 + UpdateDispatcher.IDLE_LANES_CACHED + 256);
		await().atMost(WAIT).until(() -> dispatcher.lanesHeld() == 0);
		assertThat(dispatcher.stats().queued()).isZero();
		assertThat(dispatcher.stats().accepted()).isEqualTo(total);
	}

	@Test
	void whenStoppedThenQueuedUpdatesAreHandledBeforeStopReturns() {
		AtomicInteger handled = new AtomicInteger();
		UpdateDispatcher dispatcher = start((update) -> {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
			handled.incrementAndGet();
		}, properties(8, 10_000, 100));
		for (int id = 0; id < 400; id++) {
			dispatcher.submit(TestUpdates.message(id, 1 + id % 8, "x"));
		}
		dispatcher.stop();
		assertThat(handled).hasValue(400);
		assertThat(dispatcher.lowestDroppedUpdateId()).isEmpty();
		assertThat(dispatcher.submit(TestUpdates.message(401, 1, "late"))).isEqualTo(SubmitResult.STOPPING);
		assertThat(dispatcher.isRunning()).isFalse();
	}

	@Test
	void whenTheDrainDeadlinePassesThenStopReturnsAndCountsWhatWasDropped() {
		UpdateDispatcher dispatcher = start(blockingHandler(), DispatchListener.NONE, properties(2, 100, 100),
				Duration.ofMillis(300));
		for (int id = 0; id < 10; id++) {
			dispatcher.submit(TestUpdates.message(id, 1 + id % 5, "x"));
		}
		long started = System.nanoTime();
		dispatcher.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(dispatcher.stats().droppedOnStop()).isEqualTo(10);
		assertThat(dispatcher.lowestDroppedUpdateId()).hasValue(0);
		assertThat(dispatcher.stats().queued()).isZero();
		assertThat(dispatcher.stats().activeLanes()).isZero();
	}

	private UpdateHandler blockingHandler() {
		return (update) -> this.release.await();
	}

	private static DispatchProperties properties(int running, int queued, int perChat) {
		return new DispatchProperties(running, queued, perChat, Duration.ofSeconds(60));
	}

	private UpdateDispatcher start(UpdateHandler handler, DispatchProperties properties) {
		return start(handler, DispatchListener.NONE, properties, Duration.ofSeconds(10));
	}

	private UpdateDispatcher start(UpdateHandler handler, DispatchListener listener, DispatchProperties properties,
			Duration drainTimeout) {
		UpdateDispatcher dispatcher = new UpdateDispatcher(handler, listener, properties, drainTimeout);
		dispatcher.start();
		this.started.add(dispatcher);
		return dispatcher;
	}

}
