package io.tggateway.cluster;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

import io.tggateway.lifecycle.LifecyclePhases;

/**
 * This replica's place in the election, timed so that a graceful shutdown hands over a
 * consistent store. It joins late (in the poller's phase, once the dispatcher, the inbox
 * and delivery run, through {@link #entry()}) and leaves late (in
 * {@link LifecyclePhases#LEADERSHIP}, after the dispatcher has drained, the "handled"
 * marks are written and the sends under way are recorded). It retires when the
 * application context begins to close, before any component stops: a grant from then on
 * starts nothing, and a replica that does not lead stops competing.
 * <p>
 * Releasing the lock at the start of the shutdown instead would let a standby take over
 * while this replica's handlers still run: it would replay their updates from the inbox
 * (each handled twice, and a chat's answers out of order).
 */
final class LeaderElection implements SmartLifecycle, ApplicationListener<ContextClosedEvent>, ApplicationContextAware {

	private static final Logger logger = LoggerFactory.getLogger(LeaderElection.class);

	/**
	 * How long leaving waits for the lock to be released: the initiator releases it on
	 * its own thread, and the data source closes soon after this phase.
	 */
	private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

	private final LockRegistryLeaderInitiator initiator;

	private final Leadership leadership;

	/** Guards joining, retiring and leaving. */
	private final ReentrantLock lock = new ReentrantLock();

	private volatile boolean running;

	private @Nullable ApplicationContext context;

	LeaderElection(LockRegistryLeaderInitiator initiator, Leadership leadership) {
		this.initiator = initiator;
		this.leadership = leadership;
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		// Also published here by the management server's child context.
		if (event.getApplicationContext().equals(this.context)) {
			retire();
		}
	}

	/**
	 * The lifecycle that joins the election when everything else runs (and retires this
	 * replica when the context is stopped without being closed).
	 * @return the entry
	 */
	SmartLifecycle entry() {
		return new Entry();
	}

	private void join() {
		this.lock.lock();
		try {
			if (this.running && !this.initiator.isRunning()) {
				this.leadership.rejoin();
				this.initiator.start();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A shutdown begins: a later grant starts nothing, and a replica that does not lead
	 * stops competing at once, so that another replica can take over without waiting for
	 * this one.
	 */
	private void retire() {
		this.lock.lock();
		try {
			this.leadership.retire();
			if (!this.leadership.isLeader()) {
				this.initiator.stop();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.lock.lock();
		try {
			this.running = false;
			this.leadership.retire();
			this.initiator.stop();
			awaitRelease();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitRelease() {
		if (!this.leadership.awaitNotLeading(RELEASE_WAIT)) {
			logger.warn("The leader lock was not released within {}; another replica takes over when it expires",
					RELEASE_WAIT);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.LEADERSHIP;
	}

	private final class Entry implements SmartLifecycle {

		private volatile boolean joined;

		@Override
		public void start() {
			join();
			this.joined = true;
		}

		@Override
		public void stop() {
			this.joined = false;
			retire();
		}

		@Override
		public boolean isRunning() {
			return this.joined;
		}

		@Override
		public int getPhase() {
			return LifecyclePhases.POLLER;
		}

	}

}
