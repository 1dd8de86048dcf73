package io.tggateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;

import io.tggateway.store.LeadershipTakeover;

/**
 * This replica's part in the leader election (Spring Integration's
 * {@code LockRegistryLeaderInitiator} over a {@code JdbcLockRegistry}): when it is
 * granted the lock it starts the components that only the leader may run — the poller
 * (Telegram allows one poller per token) and the delivery engine (one send budget per
 * bot) — and when the lock is revoked (shutdown, lost database, a longer pause than the
 * lock's lifetime) it stops them. Before it starts them it runs the store's
 * {@link LeadershipTakeover} steps, which release what a crashed leader still held.
 */
public final class Leadership implements Candidate {

	/**
	 * The lock's name, shared by all replicas of one bot.
	 */
	static final String ROLE = "tg-gateway-leader";

	private static final Logger logger = LoggerFactory.getLogger(Leadership.class);

	private final String replicaId;

	private final List<SmartLifecycle> leaderOnly;

	private final Supplier<List<LeadershipTakeover>> takeovers;

	private final AtomicLong grants = new AtomicLong();

	private volatile boolean leader;

	private volatile boolean retired;

	/**
	 * Serialises grants, revocations and retiring: once {@link #retire()} returns, no
	 * grant is half-way through starting the leader-only components.
	 */
	private final ReentrantLock transitions = new ReentrantLock();

	/** Signalled when the leadership is revoked. */
	private final Condition revoked = this.transitions.newCondition();

	/**
	 * Creates the candidate.
	 * @param replicaId this replica's id in the election
	 * @param leaderOnly the components only the leader runs, started in this order
	 * @param takeovers the steps to run on becoming the leader, looked up when needed
	 */
	Leadership(String replicaId, List<SmartLifecycle> leaderOnly, Supplier<List<LeadershipTakeover>> takeovers) {
		this.replicaId = replicaId;
		this.leaderOnly = List.copyOf(leaderOnly);
		this.takeovers = takeovers;
	}

	/**
	 * Whether this replica leads now.
	 * @return {@code true} while it holds the lock
	 */
	public boolean isLeader() {
		return this.leader;
	}

	/**
	 * This replica's id in the election.
	 * @return the id
	 */
	public String replicaId() {
		return this.replicaId;
	}

	/**
	 * How many times this replica was granted the leadership.
	 * @return the count
	 */
	public long grants() {
		return this.grants.get();
	}

	@Override
	public String getRole() {
		return ROLE;
	}

	@Override
	public String getId() {
		return this.replicaId;
	}

	/**
	 * Called when this replica begins to shut down: a grant from now on starts nothing
	 * (the lock is released when the election is left).
	 */
	void retire() {
		this.transitions.lock();
		try {
			this.retired = true;
		}
		finally {
			this.transitions.unlock();
		}
	}

	/**
	 * Called when this replica joins the election (again, after a context stop and
	 * start): grants start the leader-only components once more.
	 */
	void rejoin() {
		this.transitions.lock();
		try {
			this.retired = false;
		}
		finally {
			this.transitions.unlock();
		}
	}

	/**
	 * Waits until this replica no longer leads.
	 * @param timeout the longest wait
	 * @return {@code true} if it no longer leads
	 */
	boolean awaitNotLeading(Duration timeout) {
		this.transitions.lock();
		try {
			long nanos = timeout.toNanos();
			while (this.leader && nanos > 0) {
				nanos = this.revoked.awaitNanos(nanos);
			}
			return !this.leader;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !this.leader;
		}
		finally {
			this.transitions.unlock();
		}
	}

	@Override
	public void onGranted(Context context) {
		this.transitions.lock();
		try {
			if (this.retired) {
				logger.info("Replica {} was granted the leadership while shutting down: it starts nothing",
						this.replicaId);
				return;
			}
			this.grants.incrementAndGet();
			this.leader = true;
			logger.info("Replica {} leads: starting the poller and the delivery engine", this.replicaId);
			takeOver();
			for (SmartLifecycle component : this.leaderOnly) {
				component.start();
			}
		}
		finally {
			this.transitions.unlock();
		}
	}

	private void takeOver() {
		for (LeadershipTakeover takeover : this.takeovers.get()) {
			try {
				int taken = takeover.takeOver();
				if (taken > 0) {
					logger.info("Took over {} item(s) that an earlier leader left unfinished ({})", taken,
							takeover.getClass().getSimpleName());
				}
			}
			catch (RuntimeException ex) {
				// What is not taken over now is taken over when its lease runs out.
				logger.warn("Could not take over what an earlier leader left unfinished ({}): {}",
						takeover.getClass().getSimpleName(), ex.getMessage());
			}
		}
	}

	@Override
	public void onRevoked(Context context) {
		this.transitions.lock();
		try {
			if (!this.leader) {
				return;
			}
			this.leader = false;
			this.revoked.signalAll();
			logger.info("Replica {} no longer leads: stopping the poller and the delivery engine", this.replicaId);
			for (SmartLifecycle component : this.leaderOnly) {
				try {
					component.stop();
				}
				catch (RuntimeException ex) {
					logger.error("Stopping {} after the leadership was revoked failed", component, ex);
				}
			}
		}
		finally {
			this.transitions.unlock();
		}
	}

}
