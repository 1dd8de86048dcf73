package io.tggateway.dispatch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The dispatcher's global budget of queued updates (waiting or running), with the two
 * waits built on it: the poller waiting for room, and a stop waiting for the queue to
 * empty. Taking and returning budget is a single atomic operation; the lock is touched
 * only when somebody waits.
 */
final class QueueBudget {

	private final int max;

	private final AtomicInteger queued = new AtomicInteger();

	/** Guards nothing but the conditions: held only to wait or to signal. */
	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private volatile boolean awaited;

	QueueBudget(int max) {
		this.max = max;
	}

	boolean tryTake() {
		if (this.queued.incrementAndGet() > this.max) {
			release(1);
			return false;
		}
		return true;
	}

	void release(int count) {
		this.queued.addAndGet(-count);
		// Dekker-style: the waiter sets 'awaited' before re-reading 'queued'; we write
		// 'queued'
		// before reading 'awaited', so one of us always sees the other.
		if (this.awaited) {
			this.lock.lock();
			try {
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	int queued() {
		return this.queued.get();
	}

	int remaining() {
		return Math.max(0, this.max - this.queued.get());
	}

	/**
	 * Waits until some budget is free.
	 * @param timeout the longest wait
	 * @return the free budget; 0 after a timeout or an interrupt
	 */
	int awaitRemaining(Duration timeout) {
		int free = remaining();
		if (free > 0) {
			return free;
		}
		awaitUntil(timeout, true);
		return remaining();
	}

	/**
	 * Waits until nothing is queued.
	 * @param timeout the longest wait
	 * @return whether the queue is empty
	 */
	boolean awaitEmpty(Duration timeout) {
		awaitUntil(timeout, false);
		return this.queued.get() == 0;
	}

	private void awaitUntil(Duration timeout, boolean forRoom) {
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			this.awaited = true;
			while (nanos > 0 && (forRoom ? remaining() == 0 : this.queued.get() > 0)) {
				nanos = this.changed.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.awaited = false;
			this.lock.unlock();
		}
	}

}
