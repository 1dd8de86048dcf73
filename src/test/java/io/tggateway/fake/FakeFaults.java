package io.tggateway.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Injected faults and latency, and the counts tests check them with (calls per method,
 * faults served, 429 answers).
 */
final class FakeFaults {

	static final String ANY_METHOD = "*";

	/**
	 * Guards {@link #injected} and the writes of {@link #anyInjected}; held only to pick
	 * the next fault.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private final List<Injected> injected = new ArrayList<>();

	/** Whether {@link #injected} may be non-empty: lets the common call skip the lock. */
	private volatile boolean anyInjected;

	private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

	private final AtomicInteger served = new AtomicInteger();

	private final AtomicInteger tooManyRequests = new AtomicInteger();

	private volatile Duration latency = Duration.ZERO;

	void inject(String method, int count, Fault fault) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be positive: " + count);
		}
		this.lock.lock();
		try {
			this.injected.add(new Injected(key(method), fault, new AtomicInteger(count)));
			this.anyInjected = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	void clear() {
		this.lock.lock();
		try {
			this.injected.clear();
			this.anyInjected = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	void countCall(String method) {
		this.calls.computeIfAbsent(key(method), (name) -> new LongAdder()).increment();
	}

	/**
	 * Returns the fault the current call of {@code method} must get, if any (oldest
	 * injection first), and counts it as served.
	 */
	@Nullable Fault nextFault(String method) {
		if (!this.anyInjected) {
			return null;
		}
		String key = key(method);
		this.lock.lock();
		try {
			for (Iterator<Injected> it = this.injected.iterator(); it.hasNext();) {
				Injected candidate = it.next();
				if (candidate.method().equals(key) || candidate.method().equals(ANY_METHOD)) {
					if (candidate.remaining().decrementAndGet() == 0) {
						it.remove();
						this.anyInjected = !this.injected.isEmpty();
					}
					this.served.incrementAndGet();
					return candidate.fault();
				}
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	int calls(String method) {
		LongAdder count = this.calls.get(key(method));
		return (count != null) ? count.intValue() : 0;
	}

	int served() {
		return this.served.get();
	}

	void countTooManyRequests() {
		this.tooManyRequests.incrementAndGet();
	}

	int tooManyRequests() {
		return this.tooManyRequests.get();
	}

	Duration latency() {
		return this.latency;
	}

	void setLatency(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative: " + latency);
		}
		this.latency = latency;
	}

	private static String key(String method) {
		return method.toLowerCase(Locale.ROOT);
	}

	private record Injected(String method, Fault fault, AtomicInteger remaining) {

	}

}
