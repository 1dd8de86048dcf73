package io.tggateway.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import io.tggateway.dispatch.ChatLane.Turn;

/**
 * The virtual threads that run lanes: at most {@code max} workers, each taking the next
 * ready lane, giving it a turn of up to {@link #share} updates, and putting it back at
 * the end of the ready queue if it still has work. Workers live on between turns (parked
 * when nothing is ready), so a lane's activation costs a queue hand-off, not a new
 * thread.
 * <p>
 * A worker whose handler overran the timeout is replaced: the watchdog hands its slot to
 * a new worker, and the old one ends when its handler finally returns.
 */
final class LaneWorkers {

	private final UpdateDispatcher dispatcher;

	private final int max;

	private final int share;

	private final ThreadFactory threads = Thread.ofVirtual().name("tg-lane-", 0).factory();

	private final ConcurrentLinkedQueue<ChatLane> ready = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedDeque<Worker> sleepers = new ConcurrentLinkedDeque<>();

	private final Set<Worker> all = ConcurrentHashMap.newKeySet();

	private final AtomicInteger slots = new AtomicInteger();

	/** Workers looking for a ready lane before they park. */
	private final AtomicInteger searching = new AtomicInteger();

	private final int maxSearching = Math.max(1, Runtime.getRuntime().availableProcessors());

	private volatile boolean stopped;

	LaneWorkers(UpdateDispatcher dispatcher, int max, int share) {
		this.dispatcher = dispatcher;
		this.max = max;
		this.share = share;
	}

	/**
	 * Queues a lane for its next turn and wakes or starts a worker for it.
	 * @param lane a lane with work that no worker owns
	 */
	void schedule(ChatLane lane) {
		this.ready.offer(lane);
		if (this.searching.get() > 0) {
			// A searching worker will find the lane: waking another would cost a futex
			// call.
			return;
		}
		for (Worker sleeper = this.sleepers.pollFirst(); sleeper != null; sleeper = this.sleepers.pollFirst()) {
			// Entries of workers that woke up on their own are stale: skip them.
			if (sleeper.idle.compareAndSet(true, false)) {
				LockSupport.unpark(sleeper.thread);
				return;
			}
		}
		int taken = this.slots.get();
		while (taken < this.max) {
			if (this.slots.compareAndSet(taken, taken + 1)) {
				Worker worker = new Worker();
				this.all.add(worker);
				worker.thread = this.threads.newThread(worker);
				worker.thread.start();
				return;
			}
			taken = this.slots.get();
		}
		// Every slot is busy; a worker takes the lane when its turn ends.
	}

	/**
	 * Gives up the slot of a worker whose handler overran: a new worker may take its
	 * place, and the old one ends when its handler returns.
	 * @param stuck the overrunning worker
	 */
	void replace(Worker stuck) {
		this.slots.decrementAndGet();
		Thread thread = stuck.thread;
		if (thread != null) {
			thread.interrupt();
		}
	}

	/**
	 * Ends all workers: idle ones at once, busy ones after their turn.
	 * @param interrupt whether to interrupt the handlers running now
	 */
	void stop(boolean interrupt) {
		this.stopped = true;
		for (Worker worker : this.all) {
			Thread thread = worker.thread;
			if (thread != null) {
				if (interrupt) {
					thread.interrupt();
				}
				LockSupport.unpark(thread);
			}
		}
		this.ready.clear();
	}

	/**
	 * One worker: a virtual thread that takes ready lanes until the dispatcher stops.
	 */
	final class Worker implements Runnable {

		/**
		 * Finished updates whose queue budget is returned in batches of this size (or
		 * when the worker runs out of work): returning it per update would make every
		 * update contend on one counter with the poller.
		 */
		private static final int RELEASE_BATCH = 8;

		/**
		 * How many times a searching worker yields before it parks (tens of
		 * microseconds).
		 */
		private static final int SEARCH_YIELDS = 16;

		final AtomicBoolean idle = new AtomicBoolean();

		volatile @Nullable Thread thread;

		private int finished;

		void finished() {
			if (++this.finished >= RELEASE_BATCH) {
				releaseFinished();
			}
		}

		private void releaseFinished() {
			if (this.finished > 0) {
				LaneWorkers.this.dispatcher.release(this.finished);
				this.finished = 0;
			}
		}

		@Override
		public void run() {
			LaneWorkers workers = LaneWorkers.this;
			try {
				while (!workers.stopped) {
					ChatLane lane = workers.ready.poll();
					if (lane == null) {
						awaitWork();
						continue;
					}
					Turn turn = lane.drain(this, workers.share, workers.dispatcher);
					switch (turn) {
						case YIELDED -> workers.ready.offer(lane);
						case IDLE -> workers.dispatcher.laneIdle(lane);
						case TAKEN_OVER -> {
							// Our slot went to a replacement: this worker ends.
							releaseFinished();
							return;
						}
					}
				}
				releaseFinished();
				workers.slots.decrementAndGet();
			}
			finally {
				workers.all.remove(this);
			}
		}

		/**
		 * Waits for a ready lane: searches a little while (yielding the carrier), then
		 * parks until {@link #schedule} claims this worker.
		 * <p>
		 * The order is what keeps wake-ups from being lost: a worker publishes itself as
		 * a sleeper before it stops counting as searching, then looks at the ready queue
		 * once more; {@code schedule} offers the lane before it reads the searching
		 * count. So either {@code schedule} sees a searcher that will see the lane, or it
		 * sees the sleeper and wakes it.
		 */
		@SuppressWarnings("ThreadPriorityCheck") // a yield is cheaper than a park and an
													// unpark
		private void awaitWork() {
			LaneWorkers workers = LaneWorkers.this;
			releaseFinished();
			if (workers.searching.incrementAndGet() <= workers.maxSearching) {
				for (int spin = 0; spin < SEARCH_YIELDS; spin++) {
					if (!workers.ready.isEmpty() || workers.stopped) {
						workers.searching.decrementAndGet();
						return;
					}
					Thread.yield();
				}
			}
			this.idle.set(true);
			workers.sleepers.offerFirst(this);
			workers.searching.decrementAndGet();
			if (!workers.ready.isEmpty() || workers.stopped) {
				if (this.idle.compareAndSet(true, false)) {
					return;
				}
			}
			while (this.idle.get() && !workers.stopped) {
				LockSupport.park(this);
				Thread.interrupted();
			}
			this.idle.set(false);
		}

	}

}
