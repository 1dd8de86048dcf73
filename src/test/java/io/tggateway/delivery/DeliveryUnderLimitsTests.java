package io.tggateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

import io.tggateway.fake.SendLimits;
import io.tggateway.fake.SentMessage;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery engine against the fake Bot API enforcing Telegram's limits (30 messages/s
 * overall, a burst of 3 then 1/s per private chat, 20/min per group): everything arrives,
 * in order per chat, close to the global limit and without a single 429.
 * <p>
 * Memory store only: these tests measure the send path's pacing, which sits above the
 * store, and take about 35 s; the {@code jdbc} store's claims, per-chat order and retries
 * under concurrent senders are covered by {@link DeliveryFaultsTests} and
 * {@link OutboxStoreTests}, which run against both stores.
 */
class DeliveryUnderLimitsTests {

	private static final int PRIVATE_CHATS = 100;

	private static final int GROUPS = 5;

	/** With 3.09 s between two sends to a group, 10 per group take about 28 s. */
	private static final int PER_GROUP = 10;

	private static final long FIRST_PRIVATE = 1_001;

	private static final long FIRST_GROUP = -5_001;

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final DeliveryStack stack = new DeliveryStack(StoreType.MEMORY,
			DeliveryStack.properties(DeliveryStack.TELEGRAM_LIMITS))
		.start();

	@AfterEach
	void close() {
		this.stack.close();
	}

	@Test
	void whenThreeHundredNotificationsMeetTelegramsLimitsThenAllArriveInOrderNearTheLimitWithout429s() {
		this.stack.warmUp(1);
		this.stack.fake.enableSendLimits(SendLimits.TELEGRAM);
		Map<Long, List<String>> expected = new LinkedHashMap<>();
		List<UUID> ids = new ArrayList<>();
		// 250 to private chats (2 or 3 each) and 50 to groups, interleaved as they would
		// come from several services.
		for (int round = 0; round < PER_GROUP; round++) {
			for (int i = 0; i < 25; i++) {
				long chat = FIRST_PRIVATE + (round * 25 + i) % PRIVATE_CHATS;
				ids.add(accept(chat, expected));
			}
			for (int group = 0; group < GROUPS; group++) {
				ids.add(accept(FIRST_GROUP - group, expected));
			}
		}
		assertThat(ids).hasSize(300);
		for (UUID id : ids) {
			assertThat(this.stack.awaitFinished(id, Duration.ofSeconds(45)).status())
				.isEqualTo(NotificationStatus.DELIVERED);
		}
		expected.forEach((chat, texts) -> assertThat(this.stack.textsSentTo(chat)).as("chat %d", chat)
			.containsExactlyElementsOf(texts));
		assertThat(this.stack.fake.tooManyRequests()).isZero();
		List<SentMessage> sends = this.stack.fake.sentMessages()
			.stream()
			.sorted(Comparator.comparingLong(SentMessage::receivedAtNanos))
			.toList();
		assertThat(sends).hasSize(300);
		assertThat(mostInOneSecond(sends)).isLessThanOrEqualTo(30);
		// The global limit is the bottleneck until the private chats are done; the groups
		// trickle on afterwards.
		SentMessage lastPrivate = sends.stream().filter((sent) -> sent.chatId() > 0).toList().getLast();
		int index = sends.indexOf(lastPrivate);
		double seconds = (lastPrivate.receivedAtNanos() - sends.getFirst().receivedAtNanos()) / (double) SECOND;
		double rate = index / seconds;
		assertThat(rate).as("messages/s while the global limit was the bottleneck").isBetween(0.8 * 30, 30.0);
	}

	@Test
	void whenBulkSaturatesTheGlobalBudgetThenAnInteractiveReplyGoesOutFirst() throws Exception {
		this.stack.warmUp(1);
		this.stack.fake.enableSendLimits(SendLimits.TELEGRAM);
		List<UUID> ids = new ArrayList<>();
		for (long chat = 2_001; chat <= 2_200; chat++) {
			ids.add(this.stack.accepted(new Recipient.Chat(chat), "bulk " + chat).id());
		}
		// About 7 s of backlog at 29 messages/s; reply once it is well under way.
		await().atMost(DeliveryStack.WAIT).until(() -> this.stack.fake.sentMessages().size() >= 30);
		long started = System.nanoTime();
		this.stack.sender.send(SendMessage.builder().chatId(777L).text("a reply").build(), SendPriority.INTERACTIVE);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		int bulkBefore = this.stack.fake.sentMessages().size();
		assertThat(took).isLessThan(Duration.ofMillis(500));
		assertThat(bulkBefore).isLessThan(100);
		assertThat(this.stack.textsSentTo(777)).containsExactly("a reply");
		for (UUID id : ids) {
			assertThat(this.stack.awaitFinished(id).status()).isEqualTo(NotificationStatus.DELIVERED);
		}
		assertThat(this.stack.fake.sentMessages()).hasSize(201);
		assertThat(this.stack.fake.tooManyRequests()).isZero();
	}

	private UUID accept(long chat, Map<Long, List<String>> expected) {
		List<String> texts = expected.computeIfAbsent(chat, (key) -> new ArrayList<>());
		String text = "to " + chat + " #" + texts.size();
		texts.add(text);
		return this.stack.accepted(new Recipient.Chat(chat), text).id();
	}

	/**
	 * The most sends in any sliding window of one second, as the fake counts them.
	 */
	private static int mostInOneSecond(List<SentMessage> sortedSends) {
		int most = 0;
		int from = 0;
		for (int to = 0; to < sortedSends.size(); to++) {
			while (sortedSends.get(to).receivedAtNanos() - sortedSends.get(from).receivedAtNanos() >= SECOND) {
				from++;
			}
			most = Math.max(most, to - from + 1);
		}
		return most;
	}

}
