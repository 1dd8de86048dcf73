package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The outbox of the {@code memory} store. Everything is lost when the process ends; a
 * graceful stop sends what it can within the drain deadline.
 * <p>
 * Locking rule: one lock guards all the maps below; it is held for map updates only,
 * never while sending.
 */
final class MemoryOutboxStore implements OutboxStore {

	private static final Comparator<ReadyChat> BY_DUE_TIME = Comparator.comparing(ReadyChat::due)
		.thenComparingLong(ReadyChat::chatId);

	private final ReentrantLock lock = new ReentrantLock();

	private final LinkedHashMap<UUID, StoredNotification> notifications = new LinkedHashMap<>();

	private final Map<UUID, List<Long>> deliveriesOf = new HashMap<>();

	private final Map<Long, DeliveryState> deliveries = new HashMap<>();

	/** Each chat's unfinished deliveries, in sequence order. */
	private final Map<Long, ArrayDeque<Long>> queues = new HashMap<>();

	/**
	 * Chats with a claimed delivery, and how many: more than one only after a chat moved
	 * onto a chat that was being sent to. A chat is claimable again when none is left.
	 */
	private final Map<Long, Integer> claims = new HashMap<>();

	/** Chats whose head waits to be claimed, by when it is due. */
	private final TreeSet<ReadyChat> ready = new TreeSet<>(BY_DUE_TIME);

	private final Map<Long, ReadyChat> readyByChat = new HashMap<>();

	private final Map<IdempotencyKey, UUID> keys = new HashMap<>();

	private final int retainedNotifications;

	private final Duration idempotencyTtl;

	private long nextDeliveryId = 1;

	private long nextSequence = 1;

	private int unfinished;

	MemoryOutboxStore(int retainedNotifications, Duration idempotencyTtl) {
		this.retainedNotifications = retainedNotifications;
		this.idempotencyTtl = idempotencyTtl;
	}

	@Override
	public Optional<StoredNotification> findByKey(String client, String key, Instant now) {
		this.lock.lock();
		try {
			return Optional.ofNullable(keyed(client, key, now));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Insert insert(StoredNotification notification, List<Long> chatIds, int capacity) {
		this.lock.lock();
		try {
			String key = notification.idempotencyKey();
			StoredNotification existing = (key != null) ? keyed(notification.client(), key, notification.createdAt())
					: null;
			if (existing != null) {
				return new Insert.KeyTaken(existing);
			}
			if (this.unfinished + chatIds.size() > capacity) {
				return new Insert.Full(this.unfinished);
			}
			this.notifications.put(notification.id(), notification);
			List<Long> ids = new ArrayList<>(chatIds.size());
			for (long chatId : chatIds) {
				DeliveryState delivery = DeliveryState.queued(this.nextDeliveryId++, notification.id(), chatId,
						this.nextSequence++, notification.createdAt());
				this.deliveries.put(delivery.id(), delivery);
				ids.add(delivery.id());
				enqueue(delivery);
			}
			this.unfinished += chatIds.size();
			this.deliveriesOf.put(notification.id(), ids);
			if (key != null) {
				this.keys.put(new IdempotencyKey(notification.client(), key), notification.id());
			}
			return new Insert.Inserted(viewOf(notification));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<NotificationView> find(UUID id) {
		this.lock.lock();
		try {
			StoredNotification notification = this.notifications.get(id);
			return Optional.ofNullable((notification != null) ? viewOf(notification) : null);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Claim> claimDue(int max, Instant now) {
		this.lock.lock();
		try {
			List<Claim> claims = new ArrayList<>();
			while (claims.size() < max && !this.ready.isEmpty() && !this.ready.first().due().isAfter(now)) {
				ReadyChat next = this.ready.pollFirst();
				this.readyByChat.remove(next.chatId());
				long headId = queue(next.chatId()).getFirst();
				DeliveryState sending = delivery(headId).sending(now);
				this.deliveries.put(headId, sending);
				this.claims.merge(next.chatId(), 1, Integer::sum);
				claims
					.add(new Claim(Objects.requireNonNull(this.notifications.get(sending.notificationId())), sending));
			}
			return claims;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void save(DeliveryState state) {
		this.lock.lock();
		try {
			this.deliveries.put(state.id(), state);
			boolean stillClaimed = release(state.chatId());
			ArrayDeque<Long> queue = queue(state.chatId());
			if (state.status().isFinal()) {
				queue.remove(state.id());
				this.unfinished--;
			}
			if (queue.isEmpty()) {
				this.queues.remove(state.chatId());
			}
			else if (!stillClaimed) {
				markReady(state.chatId());
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void moveChat(long from, long to) {
		this.lock.lock();
		try {
			ArrayDeque<Long> moving = this.queues.remove(from);
			unmarkReady(from);
			Integer movedClaims = this.claims.remove(from);
			if (moving == null) {
				return;
			}
			for (long id : moving) {
				DeliveryState state = delivery(id);
				this.deliveries.put(id,
						new DeliveryState(state.id(), state.notificationId(), to, state.sequence(), state.status(),
								state.attempts(), state.partsSent(), state.messageIds(), state.lastError(),
								state.possibleDuplicate(), state.createdAt(), state.updatedAt(), state.nextAttemptAt(),
								state.deliveredAt()));
			}
			List<Long> merged = new ArrayList<>(moving);
			merged.addAll(this.queues.getOrDefault(to, new ArrayDeque<>()));
			merged.sort(Comparator.comparingLong((Long id) -> delivery(id).sequence()));
			this.queues.put(to, new ArrayDeque<>(merged));
			if (movedClaims != null) {
				this.claims.merge(to, movedClaims, Integer::sum);
			}
			if (this.claims.containsKey(to)) {
				// Claimable again once every claim on either chat has ended.
				unmarkReady(to);
			}
			else {
				markReady(to);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Optional<Instant> nextDue() {
		this.lock.lock();
		try {
			return this.ready.isEmpty() ? Optional.empty() : Optional.of(this.ready.first().due());
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public OutboxStats stats(Instant now) {
		this.lock.lock();
		try {
			Instant oldest = now;
			int queued = 0;
			for (ArrayDeque<Long> queue : this.queues.values()) {
				for (long id : queue) {
					DeliveryState state = delivery(id);
					if (state.status() == DeliveryStatus.QUEUED) {
						queued++;
						oldest = state.createdAt().isBefore(oldest) ? state.createdAt() : oldest;
					}
				}
			}
			int sending = this.claims.values().stream().mapToInt(Integer::intValue).sum();
			return new OutboxStats(queued, sending, Duration.between(oldest, now));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int purge(Instant now, Duration retention) {
		this.lock.lock();
		try {
			this.keys.entrySet().removeIf((entry) -> keyed(entry.getKey(), now) == null);
			int finished = 0;
			List<UUID> forget = new ArrayList<>();
			List<StoredNotification> newestFirst = new ArrayList<>(this.notifications.values());
			for (int i = newestFirst.size() - 1; i >= 0; i--) {
				StoredNotification notification = newestFirst.get(i);
				if (isFinished(notification.id())) {
					finished++;
					boolean expired = !notification.createdAt().plus(retention).isAfter(now);
					// A notification whose idempotency key is still remembered stays
					// readable.
					boolean keyed = notification.idempotencyKey() != null
							&& keyed(notification.client(), notification.idempotencyKey(), now) != null;
					if (expired || (finished > this.retainedNotifications && !keyed)) {
						forget.add(notification.id());
					}
				}
			}
			forget.forEach(this::forget);
			return forget.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private DeliveryState delivery(long id) {
		return Objects.requireNonNull(this.deliveries.get(id), "delivery");
	}

	private ArrayDeque<Long> queue(long chatId) {
		return Objects.requireNonNull(this.queues.get(chatId), "queue");
	}

	/**
	 * The notification a key was used for, if the key is still remembered at {@code now}.
	 */
	private @Nullable StoredNotification keyed(String client, String key, Instant now) {
		return keyed(new IdempotencyKey(client, key), now);
	}

	private @Nullable StoredNotification keyed(IdempotencyKey key, Instant now) {
		UUID id = this.keys.get(key);
		StoredNotification notification = (id != null) ? this.notifications.get(id) : null;
		return (notification != null && notification.createdAt().plus(this.idempotencyTtl).isAfter(now)) ? notification
				: null;
	}

	private void forget(UUID id) {
		this.notifications.remove(id);
		List<Long> ids = this.deliveriesOf.remove(id);
		if (ids != null) {
			ids.forEach(this.deliveries::remove);
		}
	}

	private boolean isFinished(UUID id) {
		return this.deliveriesOf.getOrDefault(id, List.of())
			.stream()
			.allMatch((deliveryId) -> delivery(deliveryId).status().isFinal());
	}

	private void enqueue(DeliveryState delivery) {
		ArrayDeque<Long> queue = this.queues.computeIfAbsent(delivery.chatId(), (chat) -> new ArrayDeque<>());
		queue.addLast(delivery.id());
		if (queue.size() == 1 && !this.claims.containsKey(delivery.chatId())) {
			markReady(delivery.chatId());
		}
	}

	/**
	 * Ends one claim on a chat.
	 * @return whether the chat is still claimed
	 */
	private boolean release(long chatId) {
		Integer left = this.claims.computeIfPresent(chatId, (chat, count) -> (count > 1) ? count - 1 : null);
		return left != null;
	}

	private void markReady(long chatId) {
		unmarkReady(chatId);
		DeliveryState head = delivery(queue(chatId).getFirst());
		ReadyChat entry = new ReadyChat(head.nextAttemptAt(), chatId);
		this.ready.add(entry);
		this.readyByChat.put(chatId, entry);
	}

	private void unmarkReady(long chatId) {
		ReadyChat entry = this.readyByChat.remove(chatId);
		if (entry != null) {
			this.ready.remove(entry);
		}
	}

	private NotificationView viewOf(StoredNotification notification) {
		List<DeliveryView> views = new ArrayList<>();
		for (long id : this.deliveriesOf.getOrDefault(notification.id(), List.of())) {
			views.add(delivery(id).view());
		}
		return new NotificationView(notification.id(), notification.client(), notification.recipient(),
				NotificationStatus.of(views.stream().map(DeliveryView::status).toList()), notification.createdAt(),
				views);
	}

	private record IdempotencyKey(String client, String key) {
	}

	private record ReadyChat(Instant due, long chatId) {
	}

}
