package io.tggateway.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.fake.Fault;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram's answers that end or redirect a delivery: a chat that refuses the bot, a chat
 * that does not exist, a group that became a supergroup, and attempts or time running
 * out.
 * <p>
 * Runs against both stores.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class DeliveryRefusalsTests {

	private final StoreType storeType;

	private DeliveryStack stack;

	DeliveryRefusalsTests(StoreType storeType) {
		this.storeType = storeType;
		this.stack = new DeliveryStack(storeType, DeliveryStack.properties(DeliveryStack.NO_LIMITS));
	}

	@AfterEach
	void close() {
		this.stack.close();
	}

	@Test
	void whenAChatRefusesTheBotThenTheDeliveryFailsWithTheReasonAndTopicsSkipTheChat() {
		this.stack.start();
		this.stack.fake.blockChat(5_001);
		this.stack.fake.kickFromChat(-5_002);
		this.stack.fake.deactivateUser(5_003);
		assertThat(failure(5_001)).contains("blocked");
		assertThat(failure(-5_002)).contains("kicked");
		assertThat(failure(5_003)).contains("deactivated");
		assertThat(this.stack.engine.stats().failed()).containsEntry(FailureReason.BLOCKED, 1L)
			.containsEntry(FailureReason.KICKED, 1L)
			.containsEntry(FailureReason.DEACTIVATED, 1L);
		for (long chat : List.of(5_001L, -5_002L, 5_003L)) {
			assertThat(this.stack.audience.chats().inactiveReason(chat)).as("chat %d", chat).isPresent();
		}
		for (long chat : List.of(5_001L, -5_002L, 5_003L, 5_004L)) {
			this.stack.audience.subscriptions().subscribe(DeliveryStack.TOPIC, chat);
		}
		NotificationView topic = this.stack.accepted(new Recipient.Topic(DeliveryStack.TOPIC), "news");
		assertThat(topic.deliveries()).extracting(DeliveryView::chatId).containsExactly(5_004L);
		assertThat(this.stack.awaitFinished(topic.id()).status()).isEqualTo(NotificationStatus.DELIVERED);
		// The person unblocks the bot and writes to it (the bot marks the chat active).
		this.stack.fake.restoreChat(5_001);
		this.stack.audience.chats().markActive(5_001);
		NotificationView again = this.stack.accepted(new Recipient.Topic(DeliveryStack.TOPIC), "more news");
		assertThat(again.deliveries()).extracting(DeliveryView::chatId).containsExactly(5_001L, 5_004L);
		assertThat(this.stack.awaitFinished(again.id()).status()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(this.stack.textsSentTo(5_001)).containsExactly("more news");
	}

	@Test
	void whenTheChatDoesNotExistThenTheDeliveryFailsAfterOneAttempt() {
		this.stack.start();
		this.stack.fake.unknownChat(5_005);
		UUID id = this.stack.accepted(new Recipient.Chat(5_005), "anyone there?").id();
		NotificationView view = this.stack.awaitFinished(id);
		assertThat(view.status()).isEqualTo(NotificationStatus.FAILED);
		DeliveryView delivery = view.deliveries().getFirst();
		assertThat(delivery.lastError()).contains("chat not found");
		assertThat(delivery.attempts()).isOne();
		assertThat(this.stack.fake.sendAttempts()).isOne();
		assertThat(this.stack.engine.stats().failed()).containsEntry(FailureReason.CHAT_NOT_FOUND, 1L);
	}

	@Test
	void whenAGroupBecameASupergroupThenItsMessagesLinksAndSubscriptionsMoveToTheNewIdInOrder() {
		long group = -6_001;
		long supergroup = -1_000_000_006_001L;
		this.stack.audience.links().link("team-a", group);
		this.stack.audience.subscriptions().subscribe(DeliveryStack.TOPIC, group);
		this.stack.fake.migrateChat(group, supergroup);
		// Queued before the engine runs, so that the first attempt finds all three.
		UUID first = this.stack.accepted(new Recipient.Subject("team-a"), "#1").id();
		UUID second = this.stack.accepted(new Recipient.Chat(group), "#2").id();
		UUID third = this.stack.accepted(new Recipient.Topic(DeliveryStack.TOPIC), "#3").id();
		this.stack.start();
		for (UUID id : List.of(first, second, third)) {
			NotificationView view = this.stack.awaitFinished(id);
			assertThat(view.status()).isEqualTo(NotificationStatus.DELIVERED);
			assertThat(view.deliveries()).extracting(DeliveryView::chatId).containsExactly(supergroup);
		}
		assertThat(this.stack.view(first).deliveries().getFirst().lastError()).contains("supergroup");
		assertThat(this.stack.audience.links().chatsOf("team-a")).containsExactly(supergroup);
		assertThat(this.stack.audience.subscriptions().subscribers(DeliveryStack.TOPIC)).containsExactly(supergroup);
		NotificationView later = this.stack.accepted(new Recipient.Subject("team-a"), "#4");
		assertThat(later.deliveries()).extracting(DeliveryView::chatId).containsExactly(supergroup);
		this.stack.awaitFinished(later.id());
		assertThat(this.stack.textsSentTo(supergroup)).containsExactly("#1", "#2", "#3", "#4");
		assertThat(this.stack.textsSentTo(group)).isEmpty();
		// One refused call for the old id, then straight to the new one.
		assertThat(this.stack.fake.sendAttempts()).isEqualTo(5);
		assertThat(this.stack.engine.stats().migrated()).isOne();
	}

	@Test
	void whenTheAttemptsRunOutThenTheDeliveryFailsSayingSo() {
		this.stack.close();
		this.stack = new DeliveryStack(this.storeType,
				DeliveryStack.properties(DeliveryStack.NO_LIMITS, 3, Duration.ofHours(1), 10_000));
		this.stack.start();
		this.stack.fake.injectFaults("sendMessage", 10, Fault.SERVER_ERROR_JSON);
		UUID id = this.stack.accepted(new Recipient.Chat(5_006), "doomed").id();
		DeliveryView delivery = this.stack.awaitFinished(id).deliveries().getFirst();
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(delivery.attempts()).isEqualTo(3);
		assertThat(delivery.lastError()).contains("gave up after 3 attempts").contains("500");
		assertThat(this.stack.fake.sendAttempts()).isEqualTo(3);
		assertThat(this.stack.engine.stats().failed()).containsEntry(FailureReason.EXPIRED, 1L);
	}

	@Test
	void whenTheMaximumAgePassesThenTheDeliveryFailsSayingSo() {
		this.stack.close();
		this.stack = new DeliveryStack(this.storeType,
				DeliveryStack.properties(DeliveryStack.NO_LIMITS, 1_000, Duration.ofSeconds(1), 10_000));
		this.stack.start();
		this.stack.fake.injectFaults("sendMessage", 1_000, Fault.BAD_GATEWAY_HTML);
		long started = System.nanoTime();
		UUID id = this.stack.accepted(new Recipient.Chat(5_007), "too late").id();
		DeliveryView delivery = this.stack.awaitFinished(id).deliveries().getFirst();
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(delivery.lastError()).contains("not sent within").contains("502");
		// Back-off from 100 ms to 500 ms within one second: a handful of attempts.
		assertThat(delivery.attempts()).isBetween(2, 8);
		assertThat(this.stack.fake.sendAttempts()).isEqualTo(delivery.attempts());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	private String failure(long chat) {
		UUID id = this.stack.accepted(new Recipient.Chat(chat), "hello").id();
		NotificationView view = this.stack.awaitFinished(id);
		assertThat(view.status()).isEqualTo(NotificationStatus.FAILED);
		DeliveryView delivery = view.deliveries().getFirst();
		assertThat(delivery.attempts()).isOne();
		assertThat(delivery.lastError()).isNotNull();
		return String.valueOf(delivery.lastError());
	}

}
