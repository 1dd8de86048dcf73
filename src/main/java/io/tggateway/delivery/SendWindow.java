package io.tggateway.delivery;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} sends in any window of {@code window} as Telegram counts them
 * ("30 per second", "20 per minute in a group"), whatever the network and the scheduler
 * do to the requests on the way.
 * <p>
 * Telegram counts a send at some moment between the request leaving and its answer
 * arriving; which moment, the sender cannot know. So a send counts here from the moment
 * it starts until one window after its answer arrived. Then no window of Telegram's can
 * hold more than {@code limit} sends: if one held {@code limit + 1}, then when the last
 * of them started, each of the others was under way or answered less than a window
 * before, and it would not have been let through. A token bucket alone cannot promise
 * that: a request held up for a few milliseconds on its way lands in the next window
 * together with the ones sent on time.
 * <p>
 * Locking rule: {@link #lock} guards the fields below; it is held for a few arithmetic
 * steps, and released while a sender waits.
 */
final class SendWindow {

	/** How long a sender waits for news while every counted send is still under way. */
	private static final long UNDER_WAY_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final int limit;

	private final long windowNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition answered = this.lock.newCondition();

	/** When the answers of the sends that still count arrived, oldest first. */
	private final ArrayDeque<Long> answers = new ArrayDeque<>();

	private int underWay;

	/**
	 * A window.
	 * @param limit the most sends in one window
	 * @param windowNanos the window's length
	 * @param nanoTime the time source, {@link System#nanoTime()} but in tests
	 */
	SendWindow(int limit, long windowNanos, LongSupplier nanoTime) {
		this.limit = limit;
		this.windowNanos = windowNanos;
		this.nanoTime = nanoTime;
	}

	/**
	 * Counts a send that starts now, waiting until the window has room for it.
	 * @throws InterruptedException if interrupted while waiting; nothing is counted
	 */
	void enter() throws InterruptedException {
		this.lock.lock();
		try {
			for (long wait = tryEnterLocked(); wait > 0; wait = tryEnterLocked()) {
				this.answered.awaitNanos(wait);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How long until a send could start, without counting one.
	 * @return 0 if there is room now, else the nanoseconds until there may be
	 */
	long nanosUntilRoom() {
		this.lock.lock();
		try {
			return nanosUntilRoomLocked(this.nanoTime.getAsLong());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ends a send counted by {@link #enter()}: its answer arrived (or it failed) now.
	 */
	void leave() {
		this.lock.lock();
		try {
			this.underWay--;
			this.answers.addLast(this.nanoTime.getAsLong());
			this.answered.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Forgets a send counted by {@link #enter()} that never started.
	 */
	void cancel() {
		this.lock.lock();
		try {
			this.underWay--;
			this.answered.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether the window counts nothing, so that it may be forgotten.
	 * @return {@code true} if no send is under way or answered within the window
	 */
	boolean isIdle() {
		this.lock.lock();
		try {
			forgetOld(this.nanoTime.getAsLong());
			return this.underWay == 0 && this.answers.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	private long tryEnterLocked() {
		long wait = nanosUntilRoomLocked(this.nanoTime.getAsLong());
		if (wait == 0) {
			this.underWay++;
		}
		return wait;
	}

	private long nanosUntilRoomLocked(long now) {
		forgetOld(now);
		if (this.underWay + this.answers.size() < this.limit) {
			return 0;
		}
		if (this.answers.isEmpty()) {
			return UNDER_WAY_RECHECK_NANOS;
		}
		return Math.max(1, this.answers.getFirst() + this.windowNanos - now);
	}

	/**
	 * Forgets the answers a full window old: Telegram counted those sends before their
	 * answers, so no window from now on holds them.
	 */
	private void forgetOld(long now) {
		while (!this.answers.isEmpty() && now - this.answers.getFirst() >= this.windowNanos) {
			this.answers.removeFirst();
		}
	}

}
