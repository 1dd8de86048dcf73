package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.delivery.OutboxStore.Claim;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the {@code jdbc} store's outbox does: forgetting by age, and releasing the
 * claims of a leader that is gone. The behaviour both stores share is in
 * {@link OutboxStoreTests}.
 */
@ExtendWith(TestDatabase.Available.class)
class JdbcOutboxStoreTests {

	private static final Instant NOW = OutboxStoreTests.NOW;

	private static final Duration RETENTION = Duration.ofDays(7);

	private final HikariDataSource dataSource = TestDatabase.migratedSchema(2);

	private final JdbcClient jdbc = JdbcClient.create(this.dataSource);

	private final JdbcOutboxStore store = new JdbcOutboxStore(this.jdbc,
			new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), Duration.ofHours(1));

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void whenFinishedNotificationsOutliveTheRetentionThenTheyAndExpiredKeysAreForgotten() {
		StoredNotification keyed = notification("keyed", "key-1");
		StoredNotification pending = notification("pending", null);
		this.store.insert(keyed, List.of(1L), 10);
		this.store.insert(pending, List.of(2L), 10);
		for (Claim claim : this.store.claimDue(10, NOW)) {
			this.store.save((claim.delivery().chatId() == 1) ? claim.delivery().partSent(1, 1, NOW)
					: claim.delivery().retryAt(NOW.plus(RETENTION), "500 Internal Server Error", false, NOW));
		}
		assertThat(this.store.purge(NOW.plus(RETENTION).minusSeconds(1), RETENTION)).isZero();
		assertThat(this.store.find(keyed.id())).isPresent();
		assertThat(this.jdbc.sql("select count(*) from idempotency_key").query(Integer.class).single()).isZero();
		assertThat(this.store.purge(NOW.plus(RETENTION).plusSeconds(1), RETENTION)).isOne();
		assertThat(this.store.find(keyed.id())).isEmpty();
		assertThat(this.store.find(pending.id())).isPresent();
		assertThat(this.jdbc.sql("select count(*) from delivery").query(Integer.class).single()).isOne();
	}

	@Test
	void whenANewLeaderTakesOverThenTheOldLeadersClaimsAreFreeAndMarkedAsPossibleDuplicates() {
		StoredNotification notification = notification("in flight when the leader died", null);
		this.store.insert(notification, List.of(1L, 2L), 10);
		assertThat(this.store.claimDue(10, NOW)).hasSize(2);
		assertThat(this.store.claimDue(10, NOW)).isEmpty();
		assertThat(this.store.takeOver()).isEqualTo(2);
		List<Claim> again = this.store.claimDue(10, NOW);
		assertThat(again).hasSize(2)
			.allSatisfy((claim) -> assertThat(claim.delivery().possibleDuplicate()).isTrue())
			.allSatisfy((claim) -> assertThat(claim.delivery().status()).isEqualTo(DeliveryStatus.SENDING));
		assertThat(this.store.takeOver()).isEqualTo(2);
	}

	private static StoredNotification notification(String text, @Nullable String key) {
		return new StoredNotification(UUID.randomUUID(), "billing", "chat", OutgoingMessage.plain(text), List.of(text),
				NOW, key, text);
	}

}
