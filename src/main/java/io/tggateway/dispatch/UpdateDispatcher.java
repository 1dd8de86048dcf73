package io.tggateway.dispatch;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.dispatch.ChatLane.Dropped;
import io.tggateway.dispatch.ChatLane.Entry;
import io.tggateway.dispatch.ChatLane.Stuck;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.telegram.ChatIds;

/**
 * Hands updates to the bot's handler: strictly in order within a chat, concurrently
 * across chats.
 *
 * <h2>How it works</h2>
 * <ul>
 * <li>Every update gets a lane key ({@link LaneKeys}: its chat, else its user). Each key
 * with work has a {@link ChatLane}: a queue plus at most one run, a virtual thread that
 * handles the lane's updates one after another and ends when the queue is empty. So one
 * chat's updates never overlap, and a chat that waits costs a few bytes, not a
 * thread.</li>
 * <li>At most {@code max-running-handlers} runs hold a handler slot (a fair semaphore) at
 * once. A run that has handled {@value #FAIR_SHARE} updates in a row while other lanes
 * wait for a slot gives its slot up and queues again behind them.</li>
 * <li>{@link #submit} never blocks and answers with a {@link SubmitResult}: at most
 * {@code max-queued-updates} updates wait or run in total (the poller asks
 * {@link #awaitCapacity} before it fetches, so it holds instead of dropping), and at most
 * {@code max-queued-per-chat} per chat (past that the chat's updates are refused and
 * counted, so one flooding chat cannot stall the rest).</li>
 * <li>A watchdog interrupts a handler that runs past {@code handler-timeout}, counts it
 * as timed out and lets its lane continue with a fresh run.</li>
 * <li>A lane that runs dry stays cached for about a second, so a chat that writes again
 * reuses it; the watchdog then removes it, and past {@value #IDLE_LANES_CACHED} cached
 * lanes a dry lane is removed at once. Memory follows the chats that are active now, not
 * every chat ever seen.</li>
 * <li>{@link #stop(Runnable)} refuses new updates, waits up to
 * {@code gateway.shutdown.drain-timeout} for the queued ones, then interrupts what is
 * left and logs the counts.</li>
 * </ul>
 */
public final class UpdateDispatcher implements SmartLifecycle {

	/**
	 * How many updates a run handles in a row before it gives way to waiting lanes.
	 */
	static final int FAIR_SHARE = 32;

	/**
	 * How many lanes may stay in memory while idle, ready for their chat's next update.
	 */
	static final int IDLE_LANES_CACHED = 10_000;

	/**
	 * How long an idle lane stays cached.
	 */
	static final Duration IDLE_LANE_TTL = Duration.ofSeconds(1);

	/**
	 * The MDC key that holds the update id while its handler runs.
	 */
	public static final String UPDATE_ID_KEY = "update_id";

	private static final Logger logger = LoggerFactory.getLogger(UpdateDispatcher.class);

	private final UpdateHandler handler;

	private final DispatchListener listener;

	private final DispatchProperties properties;

	private final Duration drainTimeout;

	private final ConcurrentHashMap<Long, ChatLane> lanes = new ConcurrentHashMap<>();

	private final QueueBudget budget;

	private final DispatchCounters counters = new DispatchCounters();

	/** Guards start and stop. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile LaneWorkers workers;

	private volatile boolean accepting;

	/** The lowest update id a forced stop dropped, or {@code Integer.MAX_VALUE}. */
	private volatile int lowestDroppedUpdateId = Integer.MAX_VALUE;

	private volatile @Nullable HandlerWatchdog watchdog;

	public UpdateDispatcher(UpdateHandler handler, DispatchListener listener, DispatchProperties properties,
			Duration drainTimeout) {
		this.handler = handler;
		this.listener = listener;
		this.properties = properties;
		this.drainTimeout = drainTimeout;
		this.workers = new LaneWorkers(this, properties.maxRunningHandlers(), FAIR_SHARE);
		this.budget = new QueueBudget(properties.maxQueuedUpdates());
	}

	/**
	 * Offers an update. Never blocks.
	 * @param update the update
	 * @return whether it was accepted, and why not
	 */
	public SubmitResult submit(Update update) {
		if (!this.accepting) {
			this.counters.refusedStopping.increment();
			return SubmitResult.STOPPING;
		}
		if (!this.budget.tryTake()) {
			this.counters.refusedQueueFull.increment();
			return SubmitResult.QUEUE_FULL;
		}
		long key = LaneKeys.of(update);
		Entry entry = new Entry(update, System.nanoTime());
		while (true) {
			ChatLane lane = this.lanes.get(key);
			if (lane == null) {
				lane = this.lanes.computeIfAbsent(key, this::newLane);
			}
			switch (lane.offer(entry, this.properties.maxQueuedPerChat())) {
				case SCHEDULE -> {
					this.workers.schedule(lane);
					this.counters.accepted.increment();
					return SubmitResult.ACCEPTED;
				}
				case QUEUED -> {
					this.counters.accepted.increment();
					return SubmitResult.ACCEPTED;
				}
				case FULL -> {
					this.budget.release(1);
					this.counters.refusedLaneFull.increment();
					return SubmitResult.LANE_FULL;
				}
				case RETIRED -> this.lanes.remove(key, lane);
			}
		}
	}

	/**
	 * How many more updates would be accepted now (ignoring per-chat limits).
	 * @return the free capacity
	 */
	public int remainingCapacity() {
		return this.budget.remaining();
	}

	/**
	 * Waits until at least one more update would be accepted.
	 * @param timeout the longest wait
	 * @return the free capacity at the end of the wait; 0 if the wait timed out or was
	 * interrupted
	 */
	public int awaitCapacity(Duration timeout) {
		return this.budget.awaitRemaining(timeout);
	}

	/**
	 * The lowest update id that the last stop dropped unhandled because its drain
	 * deadline passed: confirming updates below it with Telegram, and no further, makes
	 * Telegram deliver the dropped ones again.
	 * @return the update id, or empty if the last stop dropped nothing
	 */
	public OptionalInt lowestDroppedUpdateId() {
		int lowest = this.lowestDroppedUpdateId;
		return (lowest != Integer.MAX_VALUE) ? OptionalInt.of(lowest) : OptionalInt.empty();
	}

	/**
	 * The dispatcher's counters now.
	 * @return a snapshot
	 */
	public DispatchStats stats() {
		int running = 0;
		int busy = 0;
		for (ChatLane lane : this.lanes.values()) {
			running += lane.isRunning() ? 1 : 0;
			busy += lane.isBusy() ? 1 : 0;
		}
		return this.counters.snapshot(this.budget.queued(), running, busy);
	}

	/**
	 * The event counters, for metrics to read.
	 * @return the live counters
	 */
	DispatchCounters counters() {
		return this.counters;
	}

	/**
	 * The lanes that hold the most updates now, for operators looking for a flooding or a
	 * stuck chat.
	 * @param limit at most this many lanes
	 * @return lanes with work, deepest first
	 */
	public List<LaneDepth> deepestLanes(int limit) {
		PriorityQueue<LaneDepth> deepest = new PriorityQueue<>(Comparator.comparingInt(LaneDepth::depth));
		for (ChatLane lane : this.lanes.values()) {
			int depth = lane.depth();
			if (depth == 0) {
				continue;
			}
			deepest.add(new LaneDepth(lane.key(), depth));
			if (deepest.size() > limit) {
				deepest.poll();
			}
		}
		return deepest.stream().sorted(Comparator.comparingInt(LaneDepth::depth).reversed()).toList();
	}

	/**
	 * How many lanes are in memory, idle ones included (for tests of reclamation).
	 * @return the number of lanes held
	 */
	long lanesHeld() {
		return this.lanes.mappingCount();
	}

	private ChatLane newLane(long key) {
		return new ChatLane(key);
	}

	DispatchOutcome invoke(Entry entry, long laneKey) {
		// Lane workers are reused across updates and chats: the key must not outlive the
		// handler.
		MDC.put(UPDATE_ID_KEY, String.valueOf(entry.update().getUpdateId()));
		try {
			this.handler.handle(entry.update());
			return DispatchOutcome.HANDLED;
		}
		catch (Throwable ex) {
			logger.warn("Handler failed on update {} (lane {}); the lane continues", entry.update().getUpdateId(),
					ChatIds.mask(laneKey), ex);
			return DispatchOutcome.FAILED;
		}
		finally {
			MDC.remove(UPDATE_ID_KEY);
			// A handler must not leave an interrupt behind for the next update of the
			// run.
			Thread.interrupted();
		}
	}

	void completed(Entry entry, DispatchOutcome outcome, long startedAt, long endedAt) {
		this.counters.count(outcome);
		try {
			this.listener.completed(entry.update(), outcome, startedAt - entry.acceptedAt(), endedAt - startedAt);
		}
		catch (RuntimeException ex) {
			logger.error("Dispatch listener failed on update {}", entry.update().getUpdateId(), ex);
		}
	}

	/**
	 * Returns queue budget for updates whose handling ended (workers batch this).
	 * @param count how many updates ended
	 */
	void release(int count) {
		this.budget.release(count);
	}

	void laneIdle(ChatLane lane) {
		if (this.lanes.mappingCount() > IDLE_LANES_CACHED && lane.retireIfIdle(System.nanoTime())) {
			this.lanes.remove(lane.key(), lane);
		}
	}

	/**
	 * The watchdog's round: takes lanes away from overrunning handlers and removes lanes
	 * that stayed idle.
	 * @param now the time, in {@link System#nanoTime()} units
	 */
	void inspectLanes(long now) {
		long cutoff = now - this.properties.handlerTimeout().toNanos();
		long idleCutoff = now - IDLE_LANE_TTL.toNanos();
		for (ChatLane lane : this.lanes.values()) {
			if (!lane.isBusy()) {
				if (lane.retireIfIdle(idleCutoff)) {
					this.lanes.remove(lane.key(), lane);
				}
				continue;
			}
			Stuck stuck = lane.takeOverIfStuck(cutoff);
			if (stuck != null) {
				logger.warn("Handler of update {} (lane {}) ran past {}; interrupted, the lane continues",
						stuck.entry().update().getUpdateId(), ChatIds.mask(lane.key()),
						this.properties.handlerTimeout());
				this.workers.replace(stuck.worker());
				completed(stuck.entry(), DispatchOutcome.TIMED_OUT, stuck.startedAt(), now);
				release(1);
				if (stuck.reschedule()) {
					this.workers.schedule(lane);
				}
			}
		}
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.accepting) {
				return;
			}
			this.workers = new LaneWorkers(this, this.properties.maxRunningHandlers(), FAIR_SHARE);
			this.lowestDroppedUpdateId = Integer.MAX_VALUE;
			HandlerWatchdog started = new HandlerWatchdog(this, this.properties.handlerTimeout());
			started.start();
			this.watchdog = started;
			this.accepting = true;
			logger.info("Dispatcher started: up to {} handlers, {} queued updates, {} per chat",
					this.properties.maxRunningHandlers(), this.properties.maxQueuedUpdates(),
					this.properties.maxQueuedPerChat());
		}
		finally {
			this.lifecycleLock.unlock();
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
			if (!this.accepting) {
				return;
			}
			this.accepting = false;
			long started = System.nanoTime();
			boolean empty = this.budget.awaitEmpty(this.drainTimeout);
			if (empty) {
				logger.info("Dispatcher drained in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			}
			else {
				abandonRemaining();
			}
			this.workers.stop(!empty);
			HandlerWatchdog stopping = this.watchdog;
			if (stopping != null) {
				stopping.stop();
			}
			this.watchdog = null;
		}
		finally {
			this.lifecycleLock.unlock();
			callback.run();
		}
	}

	private void abandonRemaining() {
		DispatchStats stats = stats();
		Dropped dropped = new Dropped();
		for (ChatLane lane : this.lanes.values()) {
			lane.abandon(dropped);
		}
		this.lanes.clear();
		this.budget.release(dropped.count());
		this.counters.droppedOnStop.add(dropped.count());
		this.lowestDroppedUpdateId = dropped.lowestUpdateId();
		logger.warn(
				"Drain deadline (gateway.shutdown.drain-timeout = {}) passed: {} updates in {} chats were not "
						+ "handled, {} handlers interrupted. Telegram is asked to deliver them again (from update {}).",
				this.drainTimeout, dropped.count(), stats.activeLanes(), stats.running(), dropped.lowestUpdateId());
	}

	@Override
	public boolean isRunning() {
		return this.accepting;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.DISPATCHER;
	}

}
