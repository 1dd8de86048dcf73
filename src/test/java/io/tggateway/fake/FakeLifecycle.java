package io.tggateway.fake;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Closing and the requests in flight: every wait of a request (latency, a hung request)
 * ends as soon as the fake closes, and {@code close()} waits, with a deadline, for the
 * woken requests to answer before the server drops its connections.
 */
final class FakeLifecycle {

	private final CountDownLatch closing = new CountDownLatch(1);

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Guards nothing but the {@link #idle} condition: taken only while closing, so that
	 * the last request to finish cannot signal before {@link #awaitIdle} waits.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private final Condition idle = this.lock.newCondition();

	void enter() {
		this.inFlight.incrementAndGet();
	}

	void exit() {
		if (this.inFlight.decrementAndGet() == 0 && isClosing()) {
			this.lock.lock();
			try {
				this.idle.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	boolean isClosing() {
		return this.closing.getCount() == 0;
	}

	/**
	 * Waits for {@code duration} or until the fake closes; returns whether it is closing.
	 */
	boolean awaitClosing(Duration duration) {
		try {
			return this.closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	void beginClose() {
		this.closing.countDown();
	}

	/**
	 * After {@link #beginClose()}, waits until no request is in flight or the deadline
	 * passes.
	 */
	void awaitIdle(Duration deadline) {
		this.lock.lock();
		try {
			long remaining = deadline.toNanos();
			while (this.inFlight.get() > 0 && remaining > 0) {
				remaining = this.idle.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

}
