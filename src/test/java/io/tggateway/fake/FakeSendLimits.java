package io.tggateway.fake;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Telegram's flood control over successful sends: a sliding 1-second window overall, a
 * token bucket per private chat and a sliding 60-second window per group. A refused send
 * consumes nothing and is answered 429 with the whole seconds until it would be allowed.
 */
final class FakeSendLimits {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

	private static final int MAX_CHATS = 100_000;

	/**
	 * Guards every field below. Held for a few arithmetic steps per send; nothing sleeps
	 * or does I/O under it.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable SendLimits limits;

	/** Times of the successful sends of the last second, oldest first. */
	private final ArrayDeque<Long> global = new ArrayDeque<>();

	/**
	 * Per private chat, the theoretical arrival time of the next send (the token bucket
	 * as a GCRA: exact in integer nanoseconds, so sends paced at the rate never fail).
	 */
	private final Map<Long, Long> chatTats = new HashMap<>();

	/** Per group, times of its sends in the last minute, oldest first. */
	private final Map<Long, ArrayDeque<Long>> groups = new HashMap<>();

	void enable(SendLimits limits) {
		this.lock.lock();
		try {
			this.limits = limits;
			this.global.clear();
			this.chatTats.clear();
			this.groups.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	void disable() {
		this.lock.lock();
		try {
			this.limits = null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Takes one send to {@code chatId} from every limit, or throws the 429 without taking
	 * anything.
	 */
	void acquire(long chatId) {
		this.lock.lock();
		try {
			// Read under the lock so that the windows see times in order.
			long now = System.nanoTime();
			SendLimits current = this.limits;
			if (current == null) {
				return;
			}
			forgetIdleChats(now);
			long wait = globalWait(current, now);
			long interval = Math.max(1, (long) (SECOND / current.chatPerSecond()));
			long tolerance = interval * (current.chatBurst() - 1);
			long tat = 0;
			ArrayDeque<Long> group = null;
			if (chatId > 0) {
				tat = Math.max(this.chatTats.getOrDefault(chatId, now), now);
				wait = Math.max(wait, tat - tolerance - now);
			}
			else {
				group = this.groups.computeIfAbsent(chatId, (id) -> new ArrayDeque<>());
				prune(group, now - MINUTE);
				if (group.size() >= current.groupPerMinute()) {
					wait = Math.max(wait, group.getFirst() + MINUTE - now);
				}
			}
			if (wait > 0) {
				throw FakeApiError.tooManyRequests(Math.max(1, (wait + SECOND - 1) / SECOND));
			}
			this.global.addLast(now);
			if (group != null) {
				group.addLast(now);
			}
			else {
				this.chatTats.put(chatId, tat + interval);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Keeps the per-chat state bounded: a chat whose bucket is full again or whose window
	 * is empty has nothing worth remembering.
	 */
	private void forgetIdleChats(long now) {
		if (this.chatTats.size() + this.groups.size() < MAX_CHATS) {
			return;
		}
		this.chatTats.values().removeIf((tat) -> tat - now <= 0);
		this.groups.values().removeIf((window) -> {
			prune(window, now - MINUTE);
			return window.isEmpty();
		});
	}

	private long globalWait(SendLimits current, long now) {
		prune(this.global, now - SECOND);
		if (this.global.size() < current.globalPerSecond()) {
			return 0;
		}
		return this.global.getFirst() + SECOND - now;
	}

	/**
	 * Forgets the sends at or before {@code horizon}: a send leaves the window exactly
	 * one window length after it happened.
	 */
	private static void prune(ArrayDeque<Long> window, long horizon) {
		while (!window.isEmpty() && window.getFirst() - horizon <= 0) {
			window.removeFirst();
		}
	}

}
