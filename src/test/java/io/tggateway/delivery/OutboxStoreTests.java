package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.delivery.OutboxStore.Claim;
import io.tggateway.delivery.OutboxStore.Insert;
import io.tggateway.store.StoreType;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's repository, against both stores: one claim per chat at a time, in
 * acceptance order, capacity, and moving a chat. Notifications are created a millisecond
 * apart, all before {@link #NOW}, so that chats become due in acceptance order.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class OutboxStoreTests {

	static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private final AtomicInteger created = new AtomicInteger();

	private final @Nullable HikariDataSource dataSource;

	private final OutboxStore store;

	OutboxStoreTests(StoreType storeType) {
		if (storeType == StoreType.JDBC) {
			this.dataSource = TestDatabase.migratedSchema(2);
			this.store = new JdbcOutboxStore(JdbcClient.create(this.dataSource),
					new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), Duration.ofHours(24));
		}
		else {
			this.dataSource = null;
			this.store = new MemoryOutboxStore(1_000, Duration.ofHours(24));
		}
	}

	@AfterEach
	void close() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

	@Test
	void whenAChatHasSeveralDeliveriesThenOnlyItsHeadIsClaimedUntilItIsDone() {
		insert("#1", 1);
		insert("#2", 1);
		insert("other", 2);
		List<Claim> claims = this.store.claimDue(10, NOW);
		assertThat(claims).extracting((claim) -> claim.notification().parts().getFirst())
			.containsExactlyInAnyOrder("#1", "other");
		assertThat(this.store.claimDue(10, NOW)).isEmpty();
		Claim head = claims.stream().filter((claim) -> claim.delivery().chatId() == 1).findFirst().orElseThrow();
		this.store.save(head.delivery().partSent(1, 1, NOW));
		assertThat(this.store.claimDue(10, NOW)).singleElement()
			.satisfies((claim) -> assertThat(claim.notification().parts()).containsExactly("#2"));
	}

	@Test
	void whenADeliveryIsPutOffThenItIsClaimedOnceDueAndStillBeforeTheChatsLaterOnes() {
		insert("#1", 1);
		insert("#2", 1);
		Claim first = this.store.claimDue(1, NOW).getFirst();
		this.store.save(first.delivery().retryAt(NOW.plusSeconds(5), "500 Internal Server Error", false, NOW));
		assertThat(this.store.nextDue()).contains(NOW.plusSeconds(5));
		assertThat(this.store.claimDue(10, NOW.plusSeconds(4))).isEmpty();
		assertThat(this.store.claimDue(10, NOW.plusSeconds(5))).singleElement()
			.satisfies((claim) -> assertThat(claim.notification().parts()).containsExactly("#1"));
	}

	@Test
	void whenAChatMovesThenItsDeliveriesFollowInAcceptanceOrder() {
		insert("#1", -300);
		insert("#2", -200);
		insert("#3", -300);
		Claim migrating = this.store.claimDue(1, NOW).getFirst();
		assertThat(migrating.delivery().chatId()).isEqualTo(-300);
		this.store.moveChat(-300, -200);
		this.store.save(migrating.delivery().movedTo(-200, "the group became supergroup -200", NOW));
		assertThat(sendAll(-200)).containsExactly("#1", "#2", "#3");
		assertThat(this.store.stats(NOW).queued()).isZero();
	}

	@Test
	void whenAChatMovesWhileTheNewIdIsBeingSentToThenNoDeliveryIsClaimedTwice() {
		insert("to the supergroup", -200);
		insert("to the old group", -100);
		List<Claim> claims = this.store.claimDue(10, NOW);
		assertThat(claims).extracting((claim) -> claim.delivery().chatId()).containsExactly(-200L, -100L);
		Claim sendingToNew = claims.getFirst();
		Claim migrating = claims.getLast();
		this.store.moveChat(-100, -200);
		this.store.save(migrating.delivery().movedTo(-200, "the group became supergroup -200", NOW));
		// The supergroup's own delivery is still under way: nothing may be claimed for
		// it.
		assertThat(this.store.claimDue(10, NOW)).isEmpty();
		this.store.save(sendingToNew.delivery().partSent(1, 1, NOW));
		assertThat(this.store.claimDue(10, NOW)).singleElement().satisfies((claim) -> {
			assertThat(claim.delivery().chatId()).isEqualTo(-200);
			assertThat(claim.notification().parts()).containsExactly("to the old group");
		});
	}

	@Test
	void whenAnOlderDeliveryMovesOntoAChatWhoseOwnDeliveryIsBeingSentThenItWaitsForThatSend() {
		insert("to the old group", -100);
		insert("to the supergroup", -200);
		List<Claim> claims = this.store.claimDue(10, NOW);
		assertThat(claims).extracting((claim) -> claim.delivery().chatId()).containsExactly(-100L, -200L);
		Claim migrating = claims.getFirst();
		Claim sendingToNew = claims.getLast();
		this.store.moveChat(-100, -200);
		this.store.save(migrating.delivery().movedTo(-200, "the group became supergroup -200", NOW));
		// The older delivery is now the chat's head, but the chat is still being sent to.
		assertThat(this.store.claimDue(10, NOW)).isEmpty();
		this.store.save(sendingToNew.delivery().partSent(1, 1, NOW));
		assertThat(this.store.claimDue(10, NOW)).singleElement().satisfies((claim) -> {
			assertThat(claim.delivery().chatId()).isEqualTo(-200);
			assertThat(claim.notification().parts()).containsExactly("to the old group");
		});
		assertThat(this.store.claimDue(10, NOW)).isEmpty();
	}

	@Test
	void whenTheOutboxIsFullThenNothingIsStoredUntilDeliveriesFinish() {
		UUID first = insertInto(3, "three chats", 1, 2, 3);
		assertThat(this.store.insert(notification("two more", null), List.of(4L, 5L), 4)).isEqualTo(new Insert.Full(3));
		assertThat(this.store.stats(NOW).queued()).isEqualTo(3);
		Claim claim = this.store.claimDue(1, NOW).getFirst();
		this.store.save(claim.delivery().failed("Forbidden: bot was blocked by the user", true, NOW));
		assertThat(this.store.insert(notification("two more", null), List.of(4L, 5L), 4))
			.isInstanceOf(Insert.Inserted.class);
		assertThat(this.store.find(first)).isPresent();
	}

	private List<String> sendAll(long chatId) {
		List<String> sent = new ArrayList<>();
		for (List<Claim> claims = this.store.claimDue(10, NOW); !claims.isEmpty(); claims = this.store.claimDue(10,
				NOW)) {
			assertThat(claims).hasSize(1);
			Claim claim = claims.getFirst();
			assertThat(claim.delivery().chatId()).isEqualTo(chatId);
			sent.add(claim.notification().parts().getFirst());
			this.store.save(claim.delivery().partSent(sent.size(), 1, NOW));
		}
		return sent;
	}

	private void insert(String text, long chatId) {
		insertInto(1_000, text, chatId);
	}

	private UUID insertInto(int capacity, String text, long... chatIds) {
		StoredNotification notification = notification(text, null);
		assertThat(this.store.insert(notification, Arrays.stream(chatIds).boxed().toList(), capacity))
			.isInstanceOf(Insert.Inserted.class);
		return notification.id();
	}

	private StoredNotification notification(String text, @Nullable String key) {
		Instant createdAt = NOW.minusSeconds(60).plusMillis(this.created.incrementAndGet());
		return new StoredNotification(UUID.randomUUID(), "billing", "chat", OutgoingMessage.plain(text), List.of(text),
				createdAt, key, text);
	}

}
