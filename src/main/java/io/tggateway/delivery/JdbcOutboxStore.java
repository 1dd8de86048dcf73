package io.tggateway.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.store.LeadershipTakeover;

/**
 * The outbox of the {@code jdbc} store (PostgreSQL; tables in {@code V3__outbox.sql}).
 * <ul>
 * <li>Table {@code chat_queue} has a row for each chat with unfinished deliveries: its
 * head (the lowest delivery id not finished), when the head is due, and until when a
 * sender holds it. Claims take due rows with {@code FOR UPDATE SKIP LOCKED}, so no two
 * senders — of one replica or of two — ever hold one chat, and a claim's lease
 * ({@value #LEASE_MINUTES} minutes) outlives any attempt: if the holder dies, the chat is
 * claimable again afterwards, and its head is marked as a possible duplicate (its last
 * attempt's outcome is unknown).</li>
 * <li>Only the leader sends, so the claims found when a replica becomes the leader are
 * those of a leader that crashed: {@link #takeOver()} releases them at once instead of
 * letting their chats wait out the lease.</li>
 * <li>After {@link #moveChat} a chat may have two deliveries in flight (its own head and
 * one that was being sent to the old id); saving either keeps the chat claimed while the
 * other is still {@code sending}.</li>
 * <li>Enqueueing a delivery and advancing a chat's head both lock the chat's
 * {@code chat_queue} row, so an enqueue can never slip past a head that is
 * advancing.</li>
 * <li>The capacity check reads a count of unfinished deliveries that is refreshed once a
 * second, not a count per insert: the limit is a guard, not an exact number.</li>
 * </ul>
 */
final class JdbcOutboxStore implements OutboxStore, LeadershipTakeover {

	static final long LEASE_MINUTES = 2;

	private static final Duration LEASE = Duration.ofMinutes(LEASE_MINUTES);

	private static final Duration RECOUNT_EVERY = Duration.ofSeconds(1);

	private static final int PURGE_BATCH = 1_000;

	private static final String UNFINISHED = "status in ('queued', 'sending')";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Duration idempotencyTtl;

	private final AtomicInteger unfinishedEstimate = new AtomicInteger();

	private final AtomicLong countedAt = new AtomicLong(System.nanoTime() - RECOUNT_EVERY.toNanos());

	JdbcOutboxStore(JdbcClient jdbc, TransactionTemplate transactions, Duration idempotencyTtl) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.idempotencyTtl = idempotencyTtl;
	}

	@Override
	public Optional<StoredNotification> findByKey(String client, String key, Instant now) {
		return this.jdbc
			.sql("select n.* from idempotency_key k join notification n on n.id = k.notification_id "
					+ "where k.client = ? and k.key = ? and k.created_at > ?")
			.params(client, key, OutboxRows.timestamp(now.minus(this.idempotencyTtl)))
			.query((row, number) -> OutboxRows.notification(row))
			.optional();
	}

	@Override
	public Insert insert(StoredNotification notification, List<Long> chatIds, int capacity) {
		int unfinished = unfinished();
		if (unfinished + chatIds.size() > capacity) {
			return new Insert.Full(unfinished);
		}
		Insert result;
		if (notification.idempotencyKey() == null) {
			// One statement is atomic by itself: no transaction, one round trip.
			result = new Insert.Inserted(view(notification, insertNotification(notification, chatIds)));
		}
		else {
			result = this.transactions.execute((status) -> {
				StoredNotification taken = claimKey(notification);
				if (taken != null) {
					status.setRollbackOnly();
					return new Insert.KeyTaken(taken);
				}
				return new Insert.Inserted(view(notification, insertNotification(notification, chatIds)));
			});
		}
		if (result instanceof Insert.Inserted) {
			this.unfinishedEstimate.addAndGet(chatIds.size());
		}
		return Objects.requireNonNull(result);
	}

	/**
	 * Takes the notification's idempotency key, unless another live notification has it.
	 * @return the notification that has the key, or {@code null} if this one took it
	 */
	private @Nullable StoredNotification claimKey(StoredNotification notification) {
		String key = notification.idempotencyKey();
		if (key == null) {
			return null;
		}
		Instant expired = notification.createdAt().minus(this.idempotencyTtl);
		int taken = this.jdbc
			.sql("insert into idempotency_key (client, key, notification_id, created_at) values (?, ?, ?, ?) "
					+ "on conflict (client, key) do update set notification_id = excluded.notification_id, "
					+ "created_at = excluded.created_at where idempotency_key.created_at <= ?")
			.params(notification.client(), key, notification.id(), OutboxRows.timestamp(notification.createdAt()),
					OutboxRows.timestamp(expired))
			.update();
		return (taken > 0) ? null : findByKey(notification.client(), key, notification.createdAt()).orElse(null);
	}

	/**
	 * Inserts the notification, one delivery per chat (ids in the order of the chats),
	 * and each chat's queue row, or only locks it when the chat already has one: one
	 * statement, one round trip to the database (intake's cost is mostly round trips).
	 * @return the deliveries
	 */
	private List<DeliveryState> insertNotification(StoredNotification notification, List<Long> chatIds) {
		Timestamp createdAt = OutboxRows.timestamp(notification.createdAt());
		return this.jdbc
			.sql("with n as (insert into notification (id, client, recipient, message, parts, created_at, "
					+ "idempotency_key, fingerprint, unfinished, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)), "
					+ "d as (insert into delivery (notification_id, chat_id, status, created_at, updated_at, "
					+ "next_attempt_at) select ?, chat, 'queued', ?, ?, ? "
					+ "from unnest(?::bigint[]) with ordinality as c(chat, n) order by n returning *), "
					+ "q as (insert into chat_queue (chat_id, head_id, due_at) select chat_id, id, ? from d "
					+ "order by chat_id on conflict (chat_id) do update set head_id = chat_queue.head_id) "
					+ "select * from d order by id")
			.param(notification.id())
			.param(notification.client())
			.param(notification.recipient())
			.param(OutboxRows.json(notification.message()))
			.param(OutboxRows.json(notification.parts()))
			.param(createdAt)
			.param(notification.idempotencyKey())
			.param(notification.fingerprint())
			.param(chatIds.size())
			.param(chatIds.isEmpty() ? createdAt : null)
			.param(notification.id())
			.param(createdAt)
			.param(createdAt)
			.param(createdAt)
			.param(chatIds.stream().mapToLong(Long::longValue).toArray())
			.param(createdAt)
			.query((row, number) -> OutboxRows.delivery(row))
			.list();
	}

	@Override
	public Optional<NotificationView> find(UUID id) {
		Optional<StoredNotification> notification = this.jdbc.sql("select * from notification where id = ?")
			.params(id)
			.query((row, number) -> OutboxRows.notification(row))
			.optional();
		return notification.map((found) -> view(found, deliveriesOf(id)));
	}

	@Override
	public List<Claim> claimDue(int max, Instant now) {
		List<Claim> claims = this.transactions.execute((status) -> {
			List<Long> heads = this.jdbc
				.sql("update chat_queue q set claimed_until = ? from (select chat_id from chat_queue "
						+ "where due_at <= ? and (claimed_until is null or claimed_until < ?) order by due_at limit ? "
						+ "for update skip locked) c where q.chat_id = c.chat_id returning q.head_id")
				.params(OutboxRows.timestamp(now.plus(LEASE)), OutboxRows.timestamp(now), OutboxRows.timestamp(now),
						max)
				.query((row, number) -> row.getLong(1))
				.list();
			if (heads.isEmpty()) {
				return List.<Claim>of();
			}
			// A head already "sending" was held by a sender that died: its outcome is
			// unknown.
			List<DeliveryState> sending = this.jdbc
				.sql("update delivery set possible_duplicate = possible_duplicate or status = 'sending', "
						+ "status = 'sending', updated_at = ? where id = any(?::bigint[]) returning *")
				.params(OutboxRows.timestamp(now), heads.stream().mapToLong(Long::longValue).toArray())
				.query((row, number) -> OutboxRows.delivery(row))
				.list();
			Map<UUID, StoredNotification> notifications = new HashMap<>();
			this.jdbc.sql("select * from notification where id = any(?::uuid[])")
				.params((Object) sending.stream().map(DeliveryState::notificationId).distinct().toArray(UUID[]::new))
				.query((row) -> {
					StoredNotification notification = OutboxRows.notification(row);
					notifications.put(notification.id(), notification);
				});
			List<Claim> claimed = new ArrayList<>();
			for (DeliveryState delivery : sending) {
				claimed.add(new Claim(Objects.requireNonNull(notifications.get(delivery.notificationId())), delivery));
			}
			return claimed;
		});
		return (claims != null) ? claims : List.of();
	}

	/**
	 * Releases every claim: called on a replica that has just become the leader, before
	 * its delivery engine starts, so every claim left is one of a leader that is gone. A
	 * released head still {@code sending} is marked as a possible duplicate when it is
	 * claimed again.
	 * @return how many chats were released
	 */
	@Override
	public int takeOver() {
		return this.jdbc.sql("update chat_queue set claimed_until = null where claimed_until is not null").update();
	}

	@Override
	public void save(DeliveryState state) {
		this.transactions.executeWithoutResult((status) -> {
			lockQueue(state.chatId());
			updateDelivery(state);
			Instant heldByAnother = claimOfAnotherSender(state);
			if (state.status().isFinal()) {
				this.jdbc
					.sql("update notification set unfinished = unfinished - 1, "
							+ "finished_at = case when unfinished = 1 then ?::timestamptz else null end where id = ?")
					.params(OutboxRows.timestamp(state.updatedAt()), state.notificationId())
					.update();
				advanceHead(state.chatId(), heldByAnother);
			}
			else {
				this.jdbc.sql("update chat_queue set due_at = ?, claimed_until = ? where chat_id = ?")
					.param(OutboxRows.timestamp(state.nextAttemptAt()))
					.param(OutboxRows.timestamp(heldByAnother, true))
					.param(state.chatId())
					.update();
			}
		});
		if (state.status().isFinal()) {
			this.unfinishedEstimate.decrementAndGet();
		}
	}

	/**
	 * The claim on the delivery's chat if another sender still holds the chat: after
	 * {@link #moveChat} a chat can have two deliveries in flight (its own head, and one
	 * that was sent to the old chat id), and saving one must not free the chat while the
	 * other is being sent.
	 * @return the claim to keep, or {@code null} to free the chat
	 */
	private @Nullable Instant claimOfAnotherSender(DeliveryState state) {
		return this.jdbc
			.sql("select claimed_until from chat_queue q where chat_id = ? and claimed_until is not null and exists "
					+ "(select 1 from delivery d where d.chat_id = q.chat_id and d.status = 'sending' and d.id <> ?)")
			.params(state.chatId(), state.id())
			.query((row, number) -> row.getTimestamp(1).toInstant())
			.optional()
			.orElse(null);
	}

	private void lockQueue(long chatId) {
		this.jdbc.sql("select chat_id from chat_queue where chat_id = ? for update")
			.params(chatId)
			.query()
			.listOfRows();
	}

	private void updateDelivery(DeliveryState state) {
		this.jdbc
			.sql("update delivery set chat_id = ?, status = ?, attempts = ?, parts_sent = ?, message_ids = ?, "
					+ "last_error = ?, possible_duplicate = ?, updated_at = ?, next_attempt_at = ?, delivered_at = ? "
					+ "where id = ?")
			.param(state.chatId())
			.param(OutboxRows.status(state.status()))
			.param(state.attempts())
			.param(state.partsSent())
			.param(OutboxRows.json(state.messageIds()))
			.param(state.lastError())
			.param(state.possibleDuplicate())
			.param(OutboxRows.timestamp(state.updatedAt()))
			.param(OutboxRows.timestamp(state.nextAttemptAt()))
			.param(OutboxRows.timestamp(state.deliveredAt(), true))
			.param(state.id())
			.update();
	}

	/**
	 * Points a chat's queue row at its next unfinished delivery, or removes it.
	 * @param claimedUntil the claim to keep on the row, or {@code null} for none
	 */
	private void advanceHead(long chatId, @Nullable Instant claimedUntil) {
		List<Map<String, @Nullable Object>> next = this.jdbc
			.sql("select id, next_attempt_at from delivery where chat_id = ? and " + UNFINISHED
					+ " order by id limit 1")
			.params(chatId)
			.query()
			.listOfRows();
		if (next.isEmpty()) {
			this.jdbc.sql("delete from chat_queue where chat_id = ?").params(chatId).update();
			return;
		}
		Map<String, @Nullable Object> head = next.getFirst();
		this.jdbc
			.sql("insert into chat_queue (chat_id, head_id, due_at, claimed_until) values (?, ?, ?, ?) "
					+ "on conflict (chat_id) do update set head_id = excluded.head_id, due_at = excluded.due_at, "
					+ "claimed_until = excluded.claimed_until")
			.param(chatId)
			.param(head.get("id"))
			.param(head.get("next_attempt_at"))
			.param(OutboxRows.timestamp(claimedUntil, true))
			.update();
	}

	@Override
	public void moveChat(long from, long to) {
		this.transactions.executeWithoutResult((status) -> {
			List<Map<String, @Nullable Object>> claims = this.jdbc.sql(
					"select chat_id, claimed_until from chat_queue where chat_id in (?, ?) order by chat_id for update")
				.params(from, to)
				.query()
				.listOfRows();
			Instant claimedUntil = claims.stream()
				.map((row) -> (Timestamp) row.get("claimed_until"))
				.filter(Objects::nonNull)
				.map(Timestamp::toInstant)
				.max(Instant::compareTo)
				.orElse(null);
			this.jdbc.sql("update delivery set chat_id = ? where chat_id = ? and " + UNFINISHED)
				.params(to, from)
				.update();
			this.jdbc.sql("delete from chat_queue where chat_id = ?").params(from).update();
			advanceHead(to, claimedUntil);
		});
	}

	@Override
	public Optional<Instant> nextDue() {
		Instant now = Instant.now();
		return this.jdbc.sql("select min(due_at) from chat_queue where claimed_until is null or claimed_until < ?")
			.params(OutboxRows.timestamp(now))
			.query((row, number) -> Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
	}

	@Override
	public OutboxStats stats(Instant now) {
		int[] counts = new int[2];
		Instant[] oldest = { now };
		this.jdbc
			.sql("select status, count(*) as deliveries, min(created_at) as oldest from delivery where " + UNFINISHED
					+ " group by status")
			.query((row) -> {
				boolean queued = "queued".equals(row.getString("status"));
				counts[queued ? 0 : 1] = row.getInt("deliveries");
				if (queued) {
					oldest[0] = row.getTimestamp("oldest").toInstant();
				}
			});
		this.unfinishedEstimate.set(counts[0] + counts[1]);
		this.countedAt.set(System.nanoTime());
		return new OutboxStats(counts[0], counts[1], Duration.between(oldest[0], now));
	}

	@Override
	public int purge(Instant now, Duration retention) {
		int purged = 0;
		int batch;
		do {
			batch = this.jdbc
				.sql("delete from notification where id in (select id from notification where finished_at < ? "
						+ "order by finished_at limit ?)")
				.params(OutboxRows.timestamp(now.minus(retention)), PURGE_BATCH)
				.update();
			purged += batch;
		}
		while (batch == PURGE_BATCH);
		do {
			batch = this.jdbc
				.sql("delete from idempotency_key where (client, key) in (select client, key from idempotency_key "
						+ "where created_at < ? limit ?)")
				.params(OutboxRows.timestamp(now.minus(this.idempotencyTtl)), PURGE_BATCH)
				.update();
		}
		while (batch == PURGE_BATCH);
		return purged;
	}

	private int unfinished() {
		long counted = this.countedAt.get();
		if (System.nanoTime() - counted >= RECOUNT_EVERY.toNanos()
				&& this.countedAt.compareAndSet(counted, System.nanoTime())) {
			this.unfinishedEstimate.set(this.jdbc.sql("select count(*) from delivery where " + UNFINISHED)
				.query((row, number) -> row.getInt(1))
				.single());
		}
		return this.unfinishedEstimate.get();
	}

	private List<DeliveryState> deliveriesOf(UUID notificationId) {
		return this.jdbc.sql("select * from delivery where notification_id = ? order by id")
			.params(notificationId)
			.query((row, number) -> OutboxRows.delivery(row))
			.list();
	}

	private static NotificationView view(StoredNotification notification, List<DeliveryState> deliveries) {
		List<DeliveryView> views = deliveries.stream().map(DeliveryState::view).toList();
		return new NotificationView(notification.id(), notification.client(), notification.recipient(),
				NotificationStatus.of(views.stream().map(DeliveryView::status).toList()), notification.createdAt(),
				views);
	}

}
