package io.tggateway.poller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.fake.FakeTelegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UpdatePoller} when Telegram behaves: hand-over in order, offsets,
 * backpressure, odd updates, webhooks and the stop protocol.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpdatePollerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final PollerProperties LONG_POLLS = PollingStack.polls(Duration.ofSeconds(50),
			Duration.ofMillis(500));

	private final FakeTelegram fake = FakeTelegram.start();

	private final List<PollingStack> stacks = new ArrayList<>();

	@AfterEach
	void stop() {
		this.stacks.reversed().forEach(PollingStack::close);
		this.fake.close();
	}

	@Test
	void whenUsersWriteInSeveralChatsThenEveryUpdateIsHandledInOrderPerChatAndConfirmed() {
		Map<Long, List<Integer>> sent = new TreeMap<>();
		write(sent, 30);
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		write(sent, 30);
		await().atMost(WAIT).until(() -> handler.handled().size() == 60);
		sent.forEach((chat, ids) -> assertThat(handler.handledIn(chat)).as("chat %d", chat).isEqualTo(ids));
		int last = this.fake.lastUpdateId();
		await().atMost(WAIT).until(() -> this.fake.confirmedUpTo() == last + 1);
		assertThat(this.fake.deliveredUpdateIds()).doesNotHaveDuplicates().hasSize(60);
		PollerStatus status = stack.poller.status();
		assertThat(status.state()).isEqualTo(PollerState.POLLING);
		assertThat(status.offset()).isEqualTo(last + 1);
		assertThat(status.updatesReceived()).isEqualTo(60);
		assertThat(status.failedPolls()).isZero();
		assertThat(stack.poller.isRunning()).isTrue();
	}

	@Test
	void whenTheFirstLongPollIsHeldThenThePollerAlreadyReportsPolling() {
		PollingStack stack = start(RecordingHandler.immediate(), PollingStack.ROOMY, LONG_POLLS);
		await().atMost(WAIT).until(this.fake::pollInProgress);
		assertThat(stack.state()).isEqualTo(PollerState.POLLING);
		assertThat(stack.poller.status().polls()).isZero();
	}

	@Test
	void whenStoppedThenTheLongPollIsAbortedAtOnceAndANewPollerGetsOnlyNewUpdates() {
		int first = this.fake.userSendsText(1, "a");
		this.fake.userSendsText(2, "b");
		int last = this.fake.userSendsText(1, "c");
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler, PollingStack.ROOMY, LONG_POLLS);
		await().atMost(WAIT).until(() -> handler.handled().size() == 3);
		await().atMost(WAIT).until(() -> this.fake.pollInProgress() && this.fake.confirmedUpTo() == last + 1);
		long start = System.nanoTime();
		stack.poller.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(stack.state()).isEqualTo(PollerState.STOPPED);
		assertThat(stack.poller.isRunning()).isFalse();
		stack.close();
		assertThat(stack.poller.status().confirmedOffset()).isEqualTo(last + 1);
		RecordingHandler next = RecordingHandler.immediate();
		start(next, PollingStack.ROOMY, LONG_POLLS);
		int later = this.fake.userSendsText(2, "d");
		await().atMost(WAIT).until(() -> next.handled().size() == 1);
		assertThat(next.handled()).containsExactly(later);
		assertThat(handler.handled()).containsExactlyInAnyOrder(first, first + 1, last);
		assertThat(this.fake.deliveredUpdateIds()).doesNotHaveDuplicates()
			.containsExactly(first, first + 1, last, later);
	}

	@Test
	void whenStoppedWithUpdatesFetchedButNotConfirmedThenTheLastCallConfirmsThemAfterTheDrain(CapturedOutput output) {
		int first = this.fake.userSendsText(1, "a");
		this.fake.userSendsText(2, "b");
		int last = this.fake.userSendsText(3, "c");
		RecordingHandler handler = RecordingHandler.holding();
		PollingStack stack = start(handler, new DispatchProperties(16, 3, 3, Duration.ofSeconds(20)), LONG_POLLS);
		await().atMost(WAIT).until(() -> handler.started() == 3);
		// The dispatcher is full, so the poller holds: nothing told Telegram yet that the
		// batch is safe.
		int calls = this.fake.getUpdatesCalls();
		await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> this.fake.getUpdatesCalls() == calls);
		assertThat(this.fake.confirmedUpTo()).isLessThanOrEqualTo(first);
		assertThat(stack.poller.status().offset()).isEqualTo(last + 1);
		int pending = this.fake.userSendsText(1, "d");
		this.fake.userSendsText(2, "e");
		long start = System.nanoTime();
		stack.poller.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		// Nothing is confirmed while the batch is still being handled.
		assertThat(this.fake.getUpdatesCalls()).isEqualTo(calls);
		handler.release();
		stack.dispatcher.stop();
		assertThat(handler.handled()).containsExactlyInAnyOrder(first, first + 1, last);
		stack.poller.confirmFinalOffset();
		// The last call confirms without a long poll (timeout 0) and takes at most one
		// update (limit 1), which stays unconfirmed for the next process.
		assertThat(this.fake.confirmedUpTo()).isEqualTo(last + 1);
		assertThat(this.fake.getUpdatesCalls()).isEqualTo(calls + 1);
		assertThat(this.fake.deliveredUpdateIds()).containsExactly(first, first + 1, last, pending);
		assertThat(this.fake.pendingUpdates()).isEqualTo(2);
		assertThat(output.getAll()).contains("Confirmed updates below " + (last + 1));
	}

	@Test
	void whenTheDrainDeadlineLeavesFetchedUpdatesUnhandledThenTheyAreNotConfirmed() {
		int first = this.fake.userSendsText(1, "a");
		int second = this.fake.userSendsText(2, "b");
		int third = this.fake.userSendsText(3, "c");
		RecordingHandler handler = RecordingHandler.holding();
		// The dispatcher is full with the batch, so no later poll confirmed it.
		PollingStack stack = start(handler, new DispatchProperties(16, 3, 3, Duration.ofSeconds(20)), LONG_POLLS,
				Duration.ofMillis(300));
		await().atMost(WAIT).until(() -> handler.started() == 3);
		stack.poller.stop();
		stack.dispatcher.stop();
		stack.poller.confirmFinalOffset();
		assertThat(handler.handled()).isEmpty();
		assertThat(stack.dispatcher.stats().droppedOnStop()).isEqualTo(3);
		// Dropped at the drain deadline: Telegram keeps them for the next process.
		assertThat(this.fake.confirmedUpTo()).isLessThanOrEqualTo(first);
		handler.release();
		stack.close();
		RecordingHandler next = RecordingHandler.immediate();
		start(next, PollingStack.ROOMY, LONG_POLLS);
		await().atMost(WAIT).until(() -> next.handled().size() == 3);
		assertThat(next.handled()).containsExactlyInAnyOrder(first, second, third);
	}

	@Test
	void whenTheDispatcherIsFullThenThePollerFetchesNoMoreThanItHasRoomFor() {
		Map<Long, List<Integer>> sent = new TreeMap<>();
		write(sent, 12);
		RecordingHandler handler = RecordingHandler.holding();
		PollingStack stack = start(handler, new DispatchProperties(16, 5, 5, Duration.ofSeconds(20)),
				PollingStack.QUICK_POLLS);
		await().atMost(WAIT).until(() -> this.fake.deliveredUpdateIds().size() == 5);
		int calls = this.fake.getUpdatesCalls();
		await().during(Duration.ofSeconds(1))
			.atMost(WAIT)
			.until(() -> this.fake.deliveredUpdateIds().size() == 5 && this.fake.getUpdatesCalls() == calls);
		assertThat(this.fake.pendingUpdates()).isEqualTo(12);
		handler.release();
		await().atMost(WAIT).until(() -> handler.handled().size() == 12);
		sent.forEach((chat, ids) -> assertThat(handler.handledIn(chat)).as("chat %d", chat).isEqualTo(ids));
		assertThat(new HashSet<>(handler.handled())).hasSize(12);
		assertThat(this.fake.deliveredUpdateIds()).doesNotHaveDuplicates().hasSize(12);
		assertThat(stack.dispatcher.stats().refusedQueueFull()).as("fetched more than there was room for").isZero();
	}

	@Test
	void whenTheHandlerThrowsThenPollingGoesOn() {
		RecordingHandler handler = RecordingHandler.failingOn("boom");
		PollingStack stack = start(handler);
		int ok = this.fake.userSendsText(1, "fine");
		int boom = this.fake.userSendsText(1, "boom");
		int otherBoom = this.fake.userSendsText(2, "boom");
		await().atMost(WAIT).until(() -> handler.handled().size() == 3);
		int after = this.fake.userSendsText(1, "fine again");
		await().atMost(WAIT).until(() -> handler.handledIn(1).contains(after));
		assertThat(handler.handledIn(1)).containsExactly(ok, after);
		assertThat(handler.handled()).contains(boom, otherBoom);
		assertThat(stack.state()).isEqualTo(PollerState.POLLING);
		assertThat(stack.dispatcher.stats().failed()).isEqualTo(2);
	}

	@Test
	void whenAWebhookIsSetAtStartThenItIsRemovedAndItsPendingUpdatesAreHandled(CapturedOutput output) {
		this.fake.setWebhookUrl("https://example.org/hook");
		int first = this.fake.userSendsText(1, "waiting");
		int second = this.fake.userSendsText(1, "for the poller");
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(() -> handler.handled().size() == 2);
		assertThat(handler.handledIn(1)).containsExactly(first, second);
		assertThat(this.fake.webhookUrl()).isEmpty();
		assertThat(this.fake.conflicts()).isZero();
		assertThat(stack.state()).isEqualTo(PollerState.POLLING);
		assertThat(output.getAll()).contains("A webhook is set for this bot");
	}

	@Test
	void whenAnUpdateCannotBeReadThenItIsSkippedWithAWarningAndTheOffsetPassesIt(CapturedOutput output) {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		int before = this.fake.userSendsText(1, "before");
		int odd = this.fake.enqueueRawUpdate("""
				{"message":{"message_id":9,"date":0,"chat":{"id":1,"type":"private"},"text":"odd"}}""");
		int after = this.fake.userSendsText(1, "after");
		await().atMost(WAIT).until(() -> handler.handled().size() == 2);
		assertThat(handler.handledIn(1)).containsExactly(before, after);
		await().atMost(WAIT).until(() -> this.fake.confirmedUpTo() == after + 1);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Skipped update " + odd))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN"));
		assertThat(stack.poller.status().unreadableUpdates()).isOne();
		assertThat(this.fake.deliveredUpdateIds()).doesNotHaveDuplicates();
	}

	@Test
	void whenTheDispatcherStopsBeforeThePollerThenFetchedUpdatesAreHeldNotConfirmed() {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(this.fake::pollInProgress);
		stack.dispatcher.stop();
		int first = this.fake.userSendsText(1, "a");
		int second = this.fake.userSendsText(2, "b");
		await().atMost(WAIT).until(() -> this.fake.deliveredUpdateIds().contains(first));
		int calls = this.fake.getUpdatesCalls();
		await().during(Duration.ofMillis(700))
			.atMost(WAIT)
			.until(() -> this.fake.confirmedUpTo() <= first && this.fake.getUpdatesCalls() <= calls + 1);
		stack.dispatcher.start();
		await().atMost(WAIT).until(() -> handler.handled().size() == 2);
		assertThat(handler.handled()).containsExactlyInAnyOrder(first, second);
		await().atMost(WAIT).until(() -> this.fake.confirmedUpTo() == second + 1);
	}

	@Test
	void whenThePollerIsRestartedThenUpdatesItCouldNotHandOffAreFetchedAgain() {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(this.fake::pollInProgress);
		stack.dispatcher.stop();
		int first = this.fake.userSendsText(1, "a");
		await().atMost(WAIT).until(() -> this.fake.deliveredUpdateIds().contains(first));
		stack.poller.stop();
		assertThat(this.fake.confirmedUpTo()).isLessThanOrEqualTo(first);
		stack.dispatcher.start();
		stack.poller.start();
		await().atMost(WAIT).until(() -> handler.handled().contains(first));
		await().atMost(WAIT).until(() -> this.fake.confirmedUpTo() == first + 1);
		assertThat(stack.state()).isEqualTo(PollerState.POLLING);
	}

	private PollingStack start(UpdateHandler handler) {
		return start(handler, PollingStack.ROOMY, PollingStack.QUICK_POLLS);
	}

	private PollingStack start(UpdateHandler handler, DispatchProperties dispatch, PollerProperties polling) {
		return start(handler, dispatch, polling, Duration.ofSeconds(5));
	}

	private PollingStack start(UpdateHandler handler, DispatchProperties dispatch, PollerProperties polling,
			Duration drainTimeout) {
		PollingStack stack = new PollingStack(this.fake.baseUrl(), handler, dispatch, polling, drainTimeout);
		this.stacks.add(stack);
		return stack.start();
	}

	/**
	 * Users of four chats (private and group) write {@code count} messages in turns.
	 */
	private void write(Map<Long, List<Integer>> sent, int count) {
		long[] chats = { 1, 2, -3, 4 };
		for (int i = 0; i < count; i++) {
			long chat = chats[i % chats.length];
			int id = (chat > 0) ? this.fake.userSendsText(chat, "m" + i) : this.fake.userSendsText(chat, 7, "m" + i);
			sent.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(id);
		}
	}

}
