package io.tggateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.fake.Fault;
import io.tggateway.fake.SendLimits;
import io.tggateway.fake.SentMessage;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults of the Bot API while the engine delivers: a 429 pauses the whole bot, 5xx
 * answers and dropped connections are retried with back-off until delivered, a lost
 * answer is sent again and said to be a possible duplicate. Nothing is lost, statuses say
 * what happened at every point, and no fault makes the engine spin.
 * <p>
 * Runs against both stores.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class DeliveryFaultsTests {

	private static final long MILLI = Duration.ofMillis(1).toNanos();

	private final DeliveryStack stack;

	DeliveryFaultsTests(StoreType storeType) {
		this.stack = new DeliveryStack(storeType, DeliveryStack.properties(DeliveryStack.TELEGRAM_LIMITS));
	}

	@AfterEach
	void close() {
		this.stack.close();
	}

	@Test
	void whenTelegramAnswers429ThenEverySendWaitsRetryAfterAndThenResumesAtThePacedRate() {
		this.stack.start().warmUp(1);
		this.stack.fake.enableSendLimits(SendLimits.TELEGRAM);
		this.stack.fake.injectFaults("sendMessage", 1, Fault.TOO_MANY_REQUESTS);
		long released = System.nanoTime();
		List<UUID> ids = new ArrayList<>();
		for (long chat = 3_001; chat <= 3_060; chat++) {
			ids.add(this.stack.accepted(new Recipient.Chat(chat), "after the pause " + chat).id());
		}
		List<NotificationView> views = ids.stream().map(this.stack::awaitFinished).toList();
		assertThat(views).allSatisfy((view) -> assertThat(view.status()).isEqualTo(NotificationStatus.DELIVERED));
		// Only the injected 429: no flood once the pause ends.
		assertThat(this.stack.fake.tooManyRequests()).isEqualTo(1);
		assertThat(this.stack.sender.stats().tooManyRequests()).isEqualTo(1);
		List<Long> times = this.stack.fake.sentMessages()
			.stream()
			.map(SentMessage::receivedAtNanos)
			.sorted(Comparator.naturalOrder())
			.toList();
		assertThat(times).hasSize(60);
		// The 429 answered the first call: at most a send that had already left before
		// it came back goes out during the second it asked for.
		assertThat(times.stream().filter((time) -> time - released < 950 * MILLI)).hasSizeLessThanOrEqualTo(1);
		long resumed = times.stream().filter((time) -> time - released >= 950 * MILLI).findFirst().orElseThrow();
		// 29 messages/s after the pause, not every waiting sender at once.
		assertThat(times.stream().filter((time) -> time >= resumed && time - resumed < 200 * MILLI))
			.hasSizeLessThanOrEqualTo(8);
		List<DeliveryView> deliveries = views.stream().map((view) -> view.deliveries().getFirst()).toList();
		assertThat(deliveries).filteredOn((delivery) -> delivery.attempts() == 2)
			.singleElement()
			.satisfies((delivery) -> assertThat(delivery.lastError()).contains("429"));
		assertThat(deliveries).filteredOn((delivery) -> delivery.attempts() == 1).hasSize(59);
	}

	@Test
	void whenTelegramFailsWith5xxOrDropsConnectionsThenTheDeliveryIsRetriedWithBackOffUntilDelivered() {
		this.stack.start().warmUp(1);
		this.stack.fake.injectFaults("sendMessage", 2, Fault.SERVER_ERROR_JSON);
		this.stack.fake.injectFaults("sendMessage", 2, Fault.BAD_GATEWAY_HTML);
		this.stack.fake.injectFaults("sendMessage", 2, Fault.DROP_CONNECTION);
		int attemptsBefore = this.stack.fake.sendAttempts();
		long started = System.nanoTime();
		UUID id = this.stack.accepted(new Recipient.Chat(4_001), "despite the faults").id();
		List<StatusSample> history = sampleUntilFinished(id, attemptsBefore);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		DeliveryView last = history.getLast().delivery();
		assertThat(last.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(last.attempts()).isEqualTo(7);
		assertThat(last.messageIds()).hasSize(1);
		assertThat(last.deliveredAt()).isNotNull();
		// A dropped connection may have reached Telegram: the status says so.
		assertThat(last.possibleDuplicate()).isTrue();
		assertThat(this.stack.textsSentTo(4_001)).containsExactly("despite the faults");
		// One call per attempt, and the back-off (100 ms doubling to 500 ms, at least
		// half
		// of it each time) between them: no tight loop.
		assertThat(this.stack.fake.sendAttempts() - attemptsBefore).isEqualTo(7);
		assertThat(took).isGreaterThan(Duration.ofMillis(50 + 100 + 200 + 250 + 250 + 250));
		assertStatusesTrue(history);
		assertThat(history).extracting((sample) -> sample.delivery().lastError())
			.anySatisfy((error) -> assertThat(error).contains("500"))
			.anySatisfy((error) -> assertThat(error).contains("502"));
	}

	@Test
	void whenTheAnswerIsLostThenTheMessageIsSentAgainAndMarkedAsAPossibleDuplicate() {
		this.stack.start().warmUp(1);
		this.stack.fake.injectFaults("sendMessage", 1, Fault.RESPONSE_LOST);
		int attemptsBefore = this.stack.fake.sendAttempts();
		UUID id = this.stack.accepted(new Recipient.Chat(4_002), "at least once").id();
		List<StatusSample> history = sampleUntilFinished(id, attemptsBefore);
		DeliveryView last = history.getLast().delivery();
		assertThat(last.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(last.possibleDuplicate()).isTrue();
		assertThat(last.attempts()).isEqualTo(2);
		assertThat(this.stack.textsSentTo(4_002)).containsExactly("at least once", "at least once");
		assertStatusesTrue(history);
	}

	@Test
	void whenFaultsHitManyChatsThenNothingIsLostAndEachChatKeepsItsOrder() {
		this.stack.start().warmUp(1);
		this.stack.fake.injectFaults("sendMessage", 5, Fault.SERVER_ERROR_JSON);
		this.stack.fake.injectFaults("sendMessage", 5, Fault.DROP_CONNECTION);
		this.stack.fake.injectFaults("sendMessage", 5, Fault.BAD_GATEWAY_HTML);
		this.stack.fake.injectFaults("sendMessage", 2, Fault.TOO_MANY_REQUESTS);
		List<UUID> ids = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			for (long chat = 4_101; chat <= 4_110; chat++) {
				ids.add(this.stack.accepted(new Recipient.Chat(chat), "#" + round).id());
			}
		}
		for (UUID id : ids) {
			assertThat(this.stack.awaitFinished(id).status()).isEqualTo(NotificationStatus.DELIVERED);
		}
		for (long chat = 4_101; chat <= 4_110; chat++) {
			assertThat(this.stack.textsSentTo(chat)).as("chat %d", chat).containsExactly("#0", "#1", "#2");
		}
		assertThat(this.stack.fake.faultsServed()).isEqualTo(17);
	}

	private List<StatusSample> sampleUntilFinished(UUID id, int callsBefore) {
		List<StatusSample> history = new ArrayList<>();
		await().atMost(DeliveryStack.WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
			DeliveryView delivery = this.stack.view(id).deliveries().getFirst();
			int calls = this.stack.fake.sendAttempts() - callsBefore;
			if (history.isEmpty() || !history.getLast().delivery().equals(delivery)) {
				history.add(new StatusSample(delivery, calls));
			}
			return delivery.status().isFinal();
		});
		return history;
	}

	/**
	 * Every status seen on the way was true: attempts only grow and never exceed the
	 * calls Telegram received; a delivery waiting for a retry says why.
	 */
	private static void assertStatusesTrue(List<StatusSample> history) {
		int attempts = 0;
		for (StatusSample sample : history) {
			DeliveryView delivery = sample.delivery();
			assertThat(delivery.attempts()).isGreaterThanOrEqualTo(attempts).isLessThanOrEqualTo(sample.calls());
			attempts = delivery.attempts();
			if (delivery.status() == DeliveryStatus.QUEUED && delivery.attempts() > 0) {
				assertThat(delivery.lastError()).isNotBlank();
				assertThat(delivery.messageIds()).isEmpty();
			}
			if (delivery.status() != DeliveryStatus.DELIVERED) {
				assertThat(delivery.deliveredAt()).isNull();
			}
		}
	}

	/**
	 * A delivery's status as seen, and how many sendMessage calls for it the fake had
	 * received right after.
	 */
	private record StatusSample(DeliveryView delivery, int calls) {
	}

}
