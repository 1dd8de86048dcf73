package io.tggateway.fake;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The pending updates and Telegram's {@code getUpdates} semantics.
 *
 * <h2>How it works</h2> Updates get strictly increasing ids and wait in arrival order. A
 * call with {@code offset} forgets every update below it at the moment it arrives. If
 * nothing is pending the call becomes the held long poll and waits on {@link #changed}
 * until an update arrives, its deadline passes, a newer call terminates it (409 for the
 * older one, as Telegram does) or the fake closes.
 */
final class FakeUpdateQueue {

	static final int MAX_TIMEOUT_SECONDS = 50;

	private static final Set<String> EXCLUDED_BY_DEFAULT = Set.of("chat_member", "message_reaction",
			"message_reaction_count");

	private static final String POLL_CONFLICT = "Conflict: terminated by other getUpdates request; "
			+ "make sure that only one bot instance is running";

	private static final String WEBHOOK_CONFLICT = "Conflict: can't use getUpdates method while webhook is active; "
			+ "use deleteWebhook to delete the webhook first";

	/**
	 * Guards every field below. Held only for queue bookkeeping, never while answering or
	 * sleeping for latency; a long poll releases it while waiting on {@link #changed}.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Signalled when an update arrives, a poll is terminated by a newer one, or on close.
	 */
	private final Condition changed = this.lock.newCondition();

	private final ArrayDeque<PendingUpdate> pending = new ArrayDeque<>();

	private int nextUpdateId = 100_000;

	private boolean anyCreated;

	private int confirmedUpTo;

	private int conflicts;

	/**
	 * Explicit {@code allowed_updates} of the last call that gave them, or null for the
	 * default.
	 */
	private @Nullable Set<String> allowed;

	private int[] delivered = new int[1024];

	private int deliveredCount;

	private @Nullable Poll heldPoll;

	private boolean closed;

	void startIdsAt(int firstId) {
		update(() -> {
			if (this.anyCreated && firstId < this.nextUpdateId) {
				throw new IllegalStateException("Update ids must keep increasing; the next one is at least "
						+ this.nextUpdateId + ", not " + firstId);
			}
			this.nextUpdateId = firstId;
		});
	}

	/**
	 * Adds an update built from {@code content} (the update without its id) and wakes a
	 * held long poll. Returns the new update's id.
	 */
	int enqueue(ObjectNode content) {
		return read(() -> {
			int id = this.nextUpdateId++;
			this.anyCreated = true;
			ObjectNode update = FakeJson.object().put("update_id", id);
			content.properties().forEach((entry) -> {
				if (!"update_id".equals(entry.getKey())) {
					update.set(entry.getKey(), entry.getValue());
				}
			});
			PendingUpdate added = new PendingUpdate(id, typeOf(update), update);
			if (isAllowed(added)) {
				this.pending.addLast(added);
				this.changed.signalAll();
			}
			return id;
		});
	}

	/**
	 * Answers {@code getUpdates}: the array of updates, or a {@link FakeApiError} 409.
	 * @param webhookActive whether a webhook is set, which forbids getUpdates
	 */
	ArrayNode getUpdates(FakeParams params, boolean webhookActive) {
		Long offset = params.integer("offset");
		int limit = (int) clamp(params.integer("limit"), 100, 1, 100);
		long timeoutNanos = TimeUnit.SECONDS.toNanos(clamp(params.integer("timeout"), 0, 0, MAX_TIMEOUT_SECONDS));
		JsonNode allowedUpdates = params.json("allowed_updates");
		this.lock.lock();
		try {
			if (webhookActive) {
				this.conflicts++;
				throw new FakeApiError(409, WEBHOOK_CONFLICT);
			}
			if (allowedUpdates != null && allowedUpdates.isArray()) {
				Set<String> types = new HashSet<>();
				allowedUpdates.forEach((type) -> types.add(type.asText()));
				this.allowed = types.isEmpty() ? null : types;
			}
			long from = confirm((offset != null) ? offset : 0);
			this.pending.removeIf((update) -> !isAllowed(update));
			Poll poll = new Poll();
			if (this.heldPoll != null) {
				this.heldPoll.terminated = true;
				this.conflicts++;
				this.changed.signalAll();
			}
			this.heldPoll = poll;
			try {
				long remaining = timeoutNanos;
				ArrayNode batch = batch(from, limit);
				while (batch.isEmpty() && remaining > 0 && !poll.terminated && !this.closed) {
					remaining = this.changed.awaitNanos(remaining);
					batch = batch(from, limit);
				}
				if (poll.terminated) {
					throw new FakeApiError(409, POLL_CONFLICT);
				}
				batch.forEach((update) -> recordDelivered(update.get("update_id").asInt()));
				return batch;
			}
			finally {
				if (this.heldPoll == poll) {
					this.heldPoll = null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return FakeJson.MAPPER.createArrayNode();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forgets the updates below {@code offset} (for a negative offset, all but the last
	 * {@code -offset}) and returns the lowest id the call may return.
	 */
	private long confirm(long offset) {
		if (offset < 0) {
			while (this.pending.size() > -offset) {
				PendingUpdate dropped = this.pending.removeFirst();
				this.confirmedUpTo = Math.max(this.confirmedUpTo, dropped.id() + 1);
			}
			return 0;
		}
		while (!this.pending.isEmpty() && this.pending.getFirst().id() < offset) {
			this.pending.removeFirst();
		}
		this.confirmedUpTo = (int) Math.max(this.confirmedUpTo, Math.min(offset, Integer.MAX_VALUE));
		return offset;
	}

	private ArrayNode batch(long from, int limit) {
		ArrayNode batch = FakeJson.MAPPER.createArrayNode();
		for (PendingUpdate update : this.pending) {
			if (batch.size() == limit) {
				break;
			}
			if (update.id() >= from) {
				batch.add(update.json());
			}
		}
		return batch;
	}

	private boolean isAllowed(PendingUpdate update) {
		Set<String> types = this.allowed;
		return (types != null) ? types.contains(update.type()) : !EXCLUDED_BY_DEFAULT.contains(update.type());
	}

	private void recordDelivered(int updateId) {
		if (this.deliveredCount == this.delivered.length) {
			this.delivered = Arrays.copyOf(this.delivered, this.delivered.length * 2);
		}
		this.delivered[this.deliveredCount++] = updateId;
	}

	/**
	 * Drops every pending update ({@code drop_pending_updates}).
	 */
	void dropPending() {
		update(() -> {
			this.pending.clear();
			this.confirmedUpTo = Math.max(this.confirmedUpTo, this.nextUpdateId);
		});
	}

	/**
	 * Wakes every held poll; from now on polls answer at once.
	 */
	void close() {
		update(() -> {
			this.closed = true;
			this.changed.signalAll();
		});
	}

	int pendingCount() {
		return read(this.pending::size);
	}

	int confirmedUpTo() {
		return read(() -> this.confirmedUpTo);
	}

	int lastUpdateId() {
		return read(() -> this.nextUpdateId - 1);
	}

	int conflicts() {
		return read(() -> this.conflicts);
	}

	boolean pollInProgress() {
		return read(() -> this.heldPoll != null);
	}

	List<Integer> deliveredIds() {
		return read(() -> IntStream.of(this.delivered).limit(this.deliveredCount).boxed().toList());
	}

	private <T> T read(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void update(Runnable action) {
		this.lock.lock();
		try {
			action.run();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static long clamp(@Nullable Long value, long absent, long min, long max) {
		return (value != null) ? Math.clamp(value, min, max) : absent;
	}

	private static String typeOf(ObjectNode update) {
		for (Map.Entry<String, JsonNode> property : update.properties()) {
			if (!"update_id".equals(property.getKey())) {
				return property.getKey();
			}
		}
		return "";
	}

	private record PendingUpdate(int id, String type, ObjectNode json) {

	}

	/**
	 * One getUpdates call while it is held; {@code terminated} is guarded by the queue's
	 * lock.
	 */
	private static final class Poll {

		private boolean terminated;

	}

}
