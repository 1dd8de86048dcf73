package io.tggateway.dispatch;

import java.util.ArrayDeque;

import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.dispatch.LaneWorkers.Worker;

/**
 * One chat's lane: a serial executor over the dispatcher's workers. While the lane has
 * work, exactly one worker at a time owns it and handles its updates one after another,
 * in the order they were offered. A lane that runs dry stays idle for a moment (a chat
 * that writes again soon reuses it) and is then retired and forgotten, so memory follows
 * the chats that are active, not every chat ever seen.
 * <p>
 * Locking rule: every mutable field is guarded by the lane's monitor, held only for a few
 * field updates (never while a handler runs), so {@code synchronized} is cheap here and
 * does not pin virtual threads on Java 24+.
 */
final class ChatLane {

	private final long key;

	private final ArrayDeque<Entry> waiting = new ArrayDeque<>(4);

	/**
	 * The worker that owns the lane, or {@code null} while the lane waits to be picked
	 * up.
	 */
	private @Nullable Worker owner;

	private boolean scheduled;

	private @Nullable Entry current;

	private long currentStartedAt;

	private boolean retired;

	/** When the lane last ran dry, in {@link System#nanoTime()} units. */
	private long idleSince;

	ChatLane(long key) {
		this.key = key;
	}

	long key() {
		return this.key;
	}

	/**
	 * Queues an entry.
	 * @param entry the entry
	 * @param limit how many entries the lane may hold, the running one included
	 * @return what happened; on {@link Offer#SCHEDULE} the caller must hand the lane to a
	 * worker
	 */
	synchronized Offer offer(Entry entry, int limit) {
		if (this.retired) {
			return Offer.RETIRED;
		}
		if (this.waiting.size() + ((this.current != null) ? 1 : 0) >= limit) {
			return Offer.FULL;
		}
		this.waiting.addLast(entry);
		if (this.scheduled) {
			return Offer.QUEUED;
		}
		this.scheduled = true;
		return Offer.SCHEDULE;
	}

	/**
	 * Handles up to {@code share} entries on the calling worker.
	 * @param worker the calling worker: the ownership token, and where finished entries
	 * are counted
	 * @param share how many entries to handle before giving way to other lanes
	 * @param dispatcher what invokes the handler and accounts for the outcome
	 * @return how the turn ended
	 */
	@SuppressWarnings("ReferenceEquality") // ownership is by identity
	Turn drain(Worker worker, int share, UpdateDispatcher dispatcher) {
		synchronized (this) {
			this.owner = worker;
		}
		Entry done = null;
		DispatchOutcome outcome = DispatchOutcome.HANDLED;
		long doneStartedAt = 0;
		long doneEndedAt = 0;
		for (int handled = 0;; handled++) {
			Entry next;
			long startedAt = 0;
			Turn end = Turn.YIELDED;
			synchronized (this) {
				if (this.owner != worker) {
					// The watchdog took the lane over and accounted for our entry.
					return Turn.TAKEN_OVER;
				}
				this.current = null;
				next = (handled < share) ? this.waiting.pollFirst() : null;
				if (next != null) {
					startedAt = System.nanoTime();
					this.current = next;
					this.currentStartedAt = startedAt;
				}
				else {
					this.owner = null;
					if (this.waiting.isEmpty()) {
						this.scheduled = false;
						this.idleSince = System.nanoTime();
						end = Turn.IDLE;
					}
				}
			}
			if (done != null) {
				dispatcher.completed(done, outcome, doneStartedAt, doneEndedAt);
				worker.finished();
			}
			if (next == null) {
				return end;
			}
			outcome = dispatcher.invoke(next, this.key);
			done = next;
			doneStartedAt = startedAt;
			doneEndedAt = System.nanoTime();
		}
	}

	/**
	 * Retires the lane if it has been idle since before the cut-off.
	 * @param idleBefore the cut-off, in {@link System#nanoTime()} units
	 * @return whether the lane is retired now; the caller then removes it from the map
	 */
	synchronized boolean retireIfIdle(long idleBefore) {
		if (!this.retired && !this.scheduled && this.idleSince - idleBefore <= 0) {
			this.retired = true;
		}
		return this.retired;
	}

	/**
	 * Takes the lane away from a worker whose handler has been running since before
	 * {@code startedBefore}. The caller accounts the stuck entry as timed out, interrupts
	 * the worker, and schedules the lane again if it says so.
	 * @param startedBefore the cut-off, in {@link System#nanoTime()} units
	 * @return what was taken over, or {@code null} if the lane's handler is not overdue
	 */
	synchronized @Nullable Stuck takeOverIfStuck(long startedBefore) {
		if (this.owner == null || this.current == null || this.currentStartedAt - startedBefore > 0) {
			return null;
		}
		Stuck stuck = new Stuck(this.current, this.currentStartedAt, this.owner, !this.waiting.isEmpty());
		this.current = null;
		this.owner = null;
		if (this.waiting.isEmpty()) {
			this.scheduled = false;
			this.idleSince = System.nanoTime();
		}
		return stuck;
	}

	/**
	 * Drops everything, on a forced stop.
	 * @param dropped where to count the dropped entries, the running one included
	 */
	synchronized void abandon(Dropped dropped) {
		if (this.current != null) {
			dropped.add(this.current);
		}
		this.waiting.forEach(dropped::add);
		this.waiting.clear();
		this.owner = null;
		this.current = null;
		this.retired = true;
	}

	/**
	 * How many updates the lane holds.
	 * @return waiting updates plus the running one
	 */
	synchronized int depth() {
		return this.waiting.size() + ((this.current != null) ? 1 : 0);
	}

	/**
	 * Whether a handler of this lane runs now (an unsynchronized read, for gauges).
	 * @return {@code true} while a handler runs
	 */
	boolean isRunning() {
		return this.current != null;
	}

	/**
	 * Whether the lane has work, waiting or running (an unsynchronized read, for gauges).
	 * @return {@code true} while the lane has work
	 */
	boolean isBusy() {
		return this.scheduled;
	}

	/**
	 * What {@link #offer} did.
	 */
	enum Offer {

		/** Queued; the lane was idle and must now be handed to a worker. */
		SCHEDULE,
		/** Queued behind work a worker already has or will have. */
		QUEUED,
		/** The lane holds its limit. */
		FULL,
		/** The lane was retired; the caller must use a fresh one. */
		RETIRED

	}

	/**
	 * How a worker's turn on a lane ended.
	 */
	enum Turn {

		/** The lane ran dry and is idle. */
		IDLE,
		/**
		 * The worker used its share; the lane still has work and must be scheduled again.
		 */
		YIELDED,
		/** The watchdog took the lane away while the worker's handler overran. */
		TAKEN_OVER

	}

	/**
	 * An accepted update and when it was accepted.
	 *
	 * @param update the update
	 * @param acceptedAt when it was accepted, in {@link System#nanoTime()} units
	 */
	record Entry(Update update, long acceptedAt) {
	}

	/**
	 * What a forced stop dropped: how many updates, and the lowest update id among them.
	 */
	static final class Dropped {

		private int count;

		private int lowestUpdateId = Integer.MAX_VALUE;

		void add(Entry entry) {
			this.count++;
			this.lowestUpdateId = Math.min(this.lowestUpdateId, entry.update().getUpdateId());
		}

		int count() {
			return this.count;
		}

		int lowestUpdateId() {
			return this.lowestUpdateId;
		}

	}

	/**
	 * An entry taken from an overrunning worker.
	 *
	 * @param entry the entry whose handler overran
	 * @param startedAt when its handler started
	 * @param worker the worker that runs it
	 * @param reschedule whether the lane has more work and must be scheduled again
	 */
	record Stuck(Entry entry, long startedAt, Worker worker, boolean reschedule) {
	}

}
