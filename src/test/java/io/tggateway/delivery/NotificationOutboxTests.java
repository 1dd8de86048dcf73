package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.delivery.AcceptResult.Accepted;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where notifications enter: idempotency keys, the outbox's capacity, and recipients
 * resolved to chats.
 * <p>
 * Runs against both stores.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class NotificationOutboxTests {

	private final StoreType storeType;

	private DeliveryStack stack;

	NotificationOutboxTests(StoreType storeType) {
		this.storeType = storeType;
		this.stack = new DeliveryStack(storeType, DeliveryStack.properties(DeliveryStack.NO_LIMITS));
	}

	@AfterEach
	void close() {
		this.stack.close();
	}

	@Test
	void whenTheSameKeyComesWithTheSameRequestThenTheFirstNotificationIsAnsweredAndSentOnce() {
		this.stack.start();
		AcceptResult first = this.stack.outbox.accept(keyed(new Recipient.Chat(7_001), "once", "key-1"));
		AcceptResult second = this.stack.outbox.accept(keyed(new Recipient.Chat(7_001), "once", "key-1"));
		assertThat(first).isInstanceOfSatisfying(Accepted.class,
				(accepted) -> assertThat(accepted.repeated()).isFalse());
		assertThat(second).isInstanceOfSatisfying(Accepted.class, (accepted) -> {
			assertThat(accepted.repeated()).isTrue();
			assertThat(accepted.notification().id()).isEqualTo(((Accepted) first).notification().id());
		});
		this.stack.awaitFinished(((Accepted) first).notification().id());
		AcceptResult afterDelivery = this.stack.outbox.accept(keyed(new Recipient.Chat(7_001), "once", "key-1"));
		assertThat(afterDelivery).isInstanceOfSatisfying(Accepted.class,
				(accepted) -> assertThat(accepted.notification().status()).isEqualTo(NotificationStatus.DELIVERED));
		await().during(Duration.ofMillis(300))
			.atMost(DeliveryStack.WAIT)
			.until(() -> this.stack.textsSentTo(7_001).equals(List.of("once")));
		assertThat(this.stack.fake.sendAttempts()).isOne();
	}

	@Test
	void whenTheSameKeyComesWithAnotherRequestThenItIsRefusedButAnotherClientMayUseIt() {
		this.stack.accepted(keyed(new Recipient.Chat(7_002), "first", "key-2"));
		assertThat(this.stack.outbox.accept(keyed(new Recipient.Chat(7_002), "second", "key-2")))
			.isEqualTo(new AcceptResult.KeyReused("key-2"));
		assertThat(this.stack.outbox.accept(keyed(new Recipient.Chat(7_003), "first", "key-2")))
			.isEqualTo(new AcceptResult.KeyReused("key-2"));
		AcceptResult otherClient = this.stack.outbox.accept(
				new NewNotification("shipping", new Recipient.Chat(7_002), OutgoingMessage.plain("first"), "key-2"));
		assertThat(otherClient).isInstanceOfSatisfying(Accepted.class,
				(accepted) -> assertThat(accepted.repeated()).isFalse());
		assertThat(this.stack.engine.outbox().queued()).isEqualTo(2);
	}

	@Test
	void whenTheKeysLifetimePassesThenTheKeyIsForgotten() {
		ManualClock clock = new ManualClock(Instant.now());
		NotificationOutbox outbox = this.stack.outbox(clock);
		AcceptResult first = outbox.accept(keyed(new Recipient.Chat(7_004), "first", "key-3"));
		clock.advance(this.stack.properties.idempotencyTtl().minusSeconds(1));
		assertThat(outbox.accept(keyed(new Recipient.Chat(7_004), "first", "key-3")))
			.isInstanceOfSatisfying(Accepted.class, (accepted) -> assertThat(accepted.repeated()).isTrue());
		clock.advance(Duration.ofSeconds(1));
		AcceptResult afterTtl = outbox.accept(keyed(new Recipient.Chat(7_004), "another text", "key-3"));
		assertThat(afterTtl).isInstanceOfSatisfying(Accepted.class, (accepted) -> {
			assertThat(accepted.repeated()).isFalse();
			assertThat(accepted.notification().id()).isNotEqualTo(((Accepted) first).notification().id());
		});
	}

	@Test
	void whenTheOutboxIsFullThenNotificationsAreRefusedWithARetryAfterAndNothingIsStored() {
		this.stack.close();
		this.stack = new DeliveryStack(this.storeType,
				DeliveryStack.properties(DeliveryStack.NO_LIMITS, 100, Duration.ofHours(1), 4));
		for (long chat = 7_101; chat <= 7_103; chat++) {
			this.stack.audience.subscriptions().subscribe(DeliveryStack.TOPIC, chat);
		}
		this.stack.accepted(new Recipient.Topic(DeliveryStack.TOPIC), "three deliveries");
		AcceptResult refused = this.stack.outbox
			.accept(keyed(new Recipient.Topic(DeliveryStack.TOPIC), "three more", "key-4"));
		assertThat(refused).isInstanceOfSatisfying(AcceptResult.OutboxFull.class,
				(full) -> assertThat(full.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
		assertThat(this.stack.engine.outbox().queued()).isEqualTo(3);
		this.stack.accepted(new Recipient.Chat(7_104), "the last place");
		assertThat(this.stack.outbox.accept(new NewNotification(DeliveryStack.CLIENT, new Recipient.Chat(7_105),
				OutgoingMessage.plain("one too many"), null)))
			.isInstanceOf(AcceptResult.OutboxFull.class);
		this.stack.start();
		await().atMost(DeliveryStack.WAIT)
			.until(() -> this.stack.engine.outbox().queued() + this.stack.engine.outbox().sending() == 0);
		// The refused request left no trace: its key is free.
		assertThat(this.stack.outbox.accept(keyed(new Recipient.Topic(DeliveryStack.TOPIC), "three more", "key-4")))
			.isInstanceOfSatisfying(Accepted.class, (accepted) -> assertThat(accepted.repeated()).isFalse());
	}

	@Test
	void whenTheOutboxIsFarBehindThenRetryAfterIsAtMostAMinute() {
		this.stack.close();
		// At one message a second, 120 deliveries are two minutes of work.
		DeliveryProperties.Limits slow = new DeliveryProperties.Limits(false, 1, 1, 2, 20);
		this.stack = new DeliveryStack(this.storeType, DeliveryStack.properties(slow, 100, Duration.ofHours(1), 120));
		for (long chat = 1; chat <= 120; chat++) {
			this.stack.accepted(new Recipient.Chat(chat), "backlog");
		}
		assertThat(this.stack.outbox.accept(new NewNotification(DeliveryStack.CLIENT, new Recipient.Chat(1),
				OutgoingMessage.plain("one too many"), null)))
			.isEqualTo(new AcceptResult.OutboxFull(Duration.ofSeconds(60)));
	}

	@Test
	void whenATopicHasSubscribersThenEveryActiveOneGetsADelivery() {
		this.stack.start();
		for (long chat : List.of(7_201L, -7_202L, 7_203L, 7_204L)) {
			this.stack.audience.subscriptions().subscribe(DeliveryStack.TOPIC, chat);
		}
		this.stack.audience.chats().markInactive(7_203, "bot was blocked by the user");
		NotificationView view = this.stack.accepted(new Recipient.Topic(DeliveryStack.TOPIC), "v2 is out");
		assertThat(view.recipient()).isEqualTo("topic:" + DeliveryStack.TOPIC);
		assertThat(view.deliveries()).extracting(DeliveryView::chatId).containsExactly(7_201L, -7_202L, 7_204L);
		assertThat(this.stack.awaitFinished(view.id()).status()).isEqualTo(NotificationStatus.DELIVERED);
		for (long chat : List.of(7_201L, -7_202L, 7_204L)) {
			assertThat(this.stack.textsSentTo(chat)).containsExactly("v2 is out");
		}
		assertThat(this.stack.textsSentTo(7_203)).isEmpty();
	}

	@Test
	void whenNobodyFollowsATopicThenTheNotificationIsDeliveredToNobody() {
		NotificationView view = this.stack.accepted(new Recipient.Topic(DeliveryStack.QUIET_TOPIC), "anyone?");
		assertThat(view.status()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(view.deliveries()).isEmpty();
		assertThat(this.stack.view(view.id()).status()).isEqualTo(NotificationStatus.DELIVERED);
	}

	@Test
	void whenTheRecipientCannotBeResolvedThenTheNotificationIsRefused() {
		assertThat(this.stack.outbox.accept(new NewNotification(DeliveryStack.CLIENT, new Recipient.Topic("nope"),
				OutgoingMessage.plain("hi"), null)))
			.isEqualTo(new AcceptResult.UnknownTopic("nope"));
		assertThat(this.stack.outbox.accept(new NewNotification(DeliveryStack.CLIENT, new Recipient.Subject("user-1"),
				OutgoingMessage.plain("hi"), null)))
			.isEqualTo(new AcceptResult.NoLinkedChat("user-1"));
		assertThat(this.stack.engine.outbox().queued()).isZero();
	}

	@Test
	void whenAnotherClientAsksForANotificationThenItIsNotFound() {
		NotificationView view = this.stack.accepted(new Recipient.Chat(7_301), "mine");
		assertThat(this.stack.outbox.find(DeliveryStack.CLIENT, view.id())).isPresent();
		assertThat(this.stack.outbox.find("shipping", view.id())).isEmpty();
	}

	private static NewNotification keyed(Recipient recipient, String text, String key) {
		return new NewNotification(DeliveryStack.CLIENT, recipient, OutgoingMessage.plain(text), key);
	}

}
