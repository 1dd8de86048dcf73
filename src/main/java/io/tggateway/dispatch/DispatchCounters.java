package io.tggateway.dispatch;

import java.util.concurrent.atomic.LongAdder;

/**
 * The dispatcher's event counters: cheap to bump from many lanes at once.
 */
final class DispatchCounters {

	final LongAdder accepted = new LongAdder();

	final LongAdder handled = new LongAdder();

	final LongAdder failed = new LongAdder();

	final LongAdder timedOut = new LongAdder();

	final LongAdder refusedLaneFull = new LongAdder();

	final LongAdder refusedQueueFull = new LongAdder();

	final LongAdder refusedStopping = new LongAdder();

	final LongAdder droppedOnStop = new LongAdder();

	void count(DispatchOutcome outcome) {
		switch (outcome) {
			case HANDLED -> this.handled.increment();
			case FAILED -> this.failed.increment();
			case TIMED_OUT -> this.timedOut.increment();
		}
	}

	DispatchStats snapshot(int queued, int running, long activeLanes) {
		return new DispatchStats(queued, running, activeLanes, this.accepted.sum(), this.handled.sum(),
				this.failed.sum(), this.timedOut.sum(), this.refusedLaneFull.sum(), this.refusedQueueFull.sum(),
				this.refusedStopping.sum(), this.droppedOnStop.sum());
	}

}
