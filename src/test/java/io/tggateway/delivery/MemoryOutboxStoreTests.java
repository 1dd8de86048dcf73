package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.tggateway.delivery.OutboxStore.Claim;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the memory store's outbox does: it keeps at most
 * {@code gateway.delivery.retained-notifications} finished notifications, but never one
 * whose idempotency key still lives. The behaviour both stores share is in
 * {@link OutboxStoreTests}; the {@code jdbc} store forgets by age alone
 * ({@link JdbcOutboxStoreTests}).
 */
class MemoryOutboxStoreTests {

	private static final Instant NOW = OutboxStoreTests.NOW;

	@Test
	void whenFinishedNotificationsAreOldThenTheyAreForgottenButKeyedOnesStayWhileTheKeyLives() {
		MemoryOutboxStore small = new MemoryOutboxStore(1, Duration.ofHours(1));
		StoredNotification keyed = notification("keyed", "key-1");
		StoredNotification plain = notification("plain", null);
		small.insert(keyed, List.of(1L), 10);
		small.insert(plain, List.of(2L), 10);
		for (Claim claim : small.claimDue(10, NOW)) {
			small.save(claim.delivery().partSent(1, 1, NOW));
		}
		// Only one finished notification may stay, but the keyed one is still needed.
		assertThat(small.purge(NOW, Duration.ofDays(7))).isZero();
		assertThat(small.find(keyed.id())).isPresent();
		assertThat(small.purge(NOW.plus(Duration.ofHours(1)), Duration.ofDays(7))).isOne();
		assertThat(small.findByKey(keyed.client(), "key-1", NOW.plus(Duration.ofHours(1)))).isEmpty();
		assertThat(small.purge(NOW.plus(Duration.ofDays(7)), Duration.ofDays(7))).isOne();
		assertThat(small.find(keyed.id())).isEmpty();
		assertThat(small.find(plain.id())).isEmpty();
	}

	private static StoredNotification notification(String text, @Nullable String key) {
		return new StoredNotification(UUID.randomUUID(), "billing", "chat", OutgoingMessage.plain(text), List.of(text),
				NOW, key, text);
	}

}
