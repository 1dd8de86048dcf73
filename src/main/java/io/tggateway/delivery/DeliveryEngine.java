package io.tggateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.tggateway.delivery.OutboxStore.Claim;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.lifecycle.StopSignal;

/**
 * Sends the outbox: {@code gateway.delivery.senders} virtual threads claim due chat heads
 * from the {@link OutboxStore} (one delivery per chat at a time, so each chat receives
 * its notifications in acceptance order) and make one {@link DeliveryAttempt} each. A
 * sender that finds nothing due sleeps until the next delivery is due or a new
 * notification arrives ({@link #wake()}).
 * <p>
 * On stop the senders keep going until nothing more is due or
 * {@code gateway.shutdown.drain-timeout} passes; what is left is logged with counts. With
 * the {@code memory} store it is lost; a durable store sends it after the restart.
 */
public final class DeliveryEngine implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryEngine.class);

	private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

	private static final Duration HOUSEKEEPING_EVERY = Duration.ofSeconds(10);

	private final OutboxStore store;

	private final DeliveryAttempt attempt;

	private final SendRateLimiter limiter;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final Duration drainTimeout;

	private final DeliveryCounters counters;

	private final boolean durable;

	/** Guards start and stop. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	/** Guards nothing but {@link #workArrived}: held to wait and to signal. */
	private final ReentrantLock wakeLock = new ReentrantLock();

	private final Condition workArrived = this.wakeLock.newCondition();

	/** Bumped by every {@link #wake()}, under {@link #wakeLock}. */
	private long wakeups;

	private final List<Thread> senders = new ArrayList<>();

	private volatile boolean running;

	/** While draining, senders stop once nothing is due before this instant. */
	private volatile Instant drainUntil = Instant.MAX;

	private volatile StopSignal stopSignal = new StopSignal();

	DeliveryEngine(OutboxStore store, DeliveryAttempt attempt, SendRateLimiter limiter, DeliveryProperties properties,
			Clock clock, Duration drainTimeout, DeliveryCounters counters, boolean durable) {
		this.store = store;
		this.attempt = attempt;
		this.limiter = limiter;
		this.properties = properties;
		this.clock = clock;
		this.drainTimeout = drainTimeout;
		this.counters = counters;
		this.durable = durable;
	}

	/**
	 * Tells idle senders that new deliveries may be due.
	 */
	public void wake() {
		this.wakeLock.lock();
		try {
			this.wakeups++;
			this.workArrived.signalAll();
		}
		finally {
			this.wakeLock.unlock();
		}
	}

	/**
	 * The outbox's depth now.
	 * @return queued and sending deliveries, and the oldest queued one's age
	 */
	public OutboxStats outbox() {
		return this.store.stats(this.clock.instant());
	}

	/**
	 * The engine's counters since start.
	 * @return the counters
	 */
	public DeliveryStats stats() {
		return this.counters.snapshot();
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.running) {
				return;
			}
			this.stopSignal = new StopSignal();
			this.drainUntil = Instant.MAX;
			this.running = true;
			for (int i = 0; i < this.properties.senders(); i++) {
				this.senders.add(Thread.ofVirtual().name("tg-delivery-" + i).start(this::send));
			}
			this.senders.add(Thread.ofVirtual().name("tg-delivery-housekeeping").start(this::keepHouse));
			logger.info("Delivery engine started with {} senders", this.properties.senders());
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void send() {
		while (true) {
			Instant now = this.clock.instant();
			if (now.isAfter(this.drainUntil)) {
				return;
			}
			List<Claim> claims;
			try {
				claims = this.store.claimDue(1, now);
			}
			catch (RuntimeException ex) {
				// The store is unreachable (a database outage): wait and try again.
				logger.warn("Cannot claim deliveries ({}); retrying", ex.getMessage());
				awaitWork(now);
				continue;
			}
			if (claims.isEmpty()) {
				if (!this.running && nextDue().map((due) -> due.isAfter(this.drainUntil)).orElse(true)) {
					// Draining, and nothing more will be due before the deadline.
					return;
				}
				awaitWork(now);
				continue;
			}
			try {
				this.attempt.run(claims.getFirst());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Delivery attempt failed unexpectedly; the delivery is retried later", ex);
				release(claims.getFirst(), now);
			}
		}
	}

	/**
	 * Hands a claim back after an unexpected failure. If even that fails (the database is
	 * down), the claim's lease runs out and the delivery is claimed again then.
	 */
	private void release(Claim claim, Instant now) {
		try {
			this.store.save(claim.delivery().deferredTo(now.plus(IDLE_WAIT), this.clock.instant()));
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot hand back delivery {} ({}); it is retried when its claim expires",
					claim.delivery().id(), ex.getMessage());
		}
	}

	private Optional<Instant> nextDue() {
		try {
			return this.store.nextDue();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void awaitWork(Instant now) {
		Duration wait = nextDue().map((due) -> Duration.between(now, due))
			.filter((untilDue) -> untilDue.compareTo(IDLE_WAIT) < 0)
			.orElse(IDLE_WAIT);
		if (wait.isNegative() || wait.isZero()) {
			return;
		}
		this.wakeLock.lock();
		try {
			long seen = this.wakeups;
			long nanos = wait.toNanos();
			while (nanos > 0 && this.wakeups == seen) {
				nanos = this.workArrived.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.wakeLock.unlock();
		}
	}

	private void keepHouse() {
		StopSignal signal = this.stopSignal;
		while (signal.sleep(HOUSEKEEPING_EVERY)) {
			this.limiter.forgetIdleChats();
			int purged = this.store.purge(this.clock.instant(), this.properties.retention());
			if (purged > 0) {
				logger.debug("Forgot {} finished notifications", purged);
			}
		}
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.lifecycleLock.lock();
		try {
			if (!this.running) {
				return;
			}
			// A durable outbox is not drained: the attempts under way finish, the rest
			// waits.
			this.drainUntil = this.durable ? this.clock.instant() : this.clock.instant().plus(this.drainTimeout);
			this.running = false;
			this.stopSignal.stop();
			wake();
			long deadline = System.nanoTime() + this.drainTimeout.toNanos();
			for (Thread sender : this.senders) {
				joinUntil(sender, deadline);
			}
			this.senders.forEach(Thread::interrupt);
			this.senders.clear();
			logWhatIsLeft();
		}
		finally {
			this.lifecycleLock.unlock();
			callback.run();
		}
	}

	private void logWhatIsLeft() {
		OutboxStats left;
		try {
			left = this.store.stats(this.clock.instant());
		}
		catch (RuntimeException ex) {
			// The database is unreachable (which may be why this replica stops leading).
			logger.warn("Delivery stopped; the deliveries left could not be counted ({})", ex.getMessage());
			return;
		}
		if (left.queued() + left.sending() > 0) {
			logger.warn(
					"Delivery stopped with {} deliveries not sent ({} queued, {} in flight); with the memory "
							+ "store they are lost, with the jdbc store they are sent after the restart",
					left.queued() + left.sending(), left.queued(), left.sending());
		}
		else {
			logger.info("Delivery stopped with an empty outbox");
		}
	}

	private static void joinUntil(Thread thread, long deadline) {
		long left = deadline - System.nanoTime();
		if (left > 0) {
			try {
				thread.join(Duration.ofNanos(left));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isAutoStartup() {
		return !this.durable;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.DELIVERY;
	}

}
