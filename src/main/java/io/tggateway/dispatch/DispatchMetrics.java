package io.tggateway.dispatch;

import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The dispatcher's meters. Gauges and counters read the dispatcher's own state and
 * counters when scraped; only the two timers are recorded per update (by
 * {@link DispatchTimers}).
 */
final class DispatchMetrics implements MeterBinder {

	// No base units on the gauges and counters: Prometheus would append them to the
	// names.

	/** Accepted updates not yet finished (waiting or running). */
	static final String QUEUED = "gateway.dispatch.queued";

	/** Handlers running now. */
	static final String RUNNING = "gateway.dispatch.running";

	/** Chats with at least one update waiting or running. */
	static final String LANES_ACTIVE = "gateway.dispatch.lanes.active";

	/** The most updates that may wait or run at once ({@code max-queued-updates}). */
	static final String CAPACITY = "gateway.dispatch.capacity";

	/** Updates accepted. */
	static final String UPDATES_ACCEPTED = "gateway.dispatch.updates.accepted";

	/** Updates whose handling ended, by {@link #OUTCOME}. */
	static final String UPDATES = "gateway.dispatch.updates";

	/** Updates refused, by {@link #REASON}. */
	static final String UPDATES_REFUSED = "gateway.dispatch.updates.refused";

	/** How long handlers ran. */
	static final String HANDLER_DURATION = "gateway.dispatch.handler.duration";

	/** How long updates waited in their lane before their handler started. */
	static final String LANE_WAIT = "gateway.dispatch.lane.wait";

	static final String OUTCOME = "outcome";

	static final String REASON = "reason";

	private final UpdateDispatcher dispatcher;

	private final DispatchProperties properties;

	private final DispatchTimers timers;

	DispatchMetrics(UpdateDispatcher dispatcher, DispatchProperties properties, DispatchTimers timers) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.timers = timers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(QUEUED, this.dispatcher, (dispatcher) -> dispatcher.stats().queued())
			.description("Accepted updates not yet finished (waiting or running)")
			.register(registry);
		Gauge.builder(RUNNING, this.dispatcher, (dispatcher) -> dispatcher.stats().running())
			.description("Handlers running now")
			.register(registry);
		Gauge.builder(LANES_ACTIVE, this.dispatcher, (dispatcher) -> dispatcher.stats().activeLanes())
			.description("Chats with at least one update waiting or running")
			.register(registry);
		Gauge.builder(CAPACITY, this.properties, DispatchProperties::maxQueuedUpdates)
			.description("The most updates that may wait or run at once (gateway.dispatch.max-queued-updates)")
			.register(registry);
		DispatchCounters counters = this.dispatcher.counters();
		counter(UPDATES_ACCEPTED, "Updates accepted", counters.accepted).register(registry);
		counter(UPDATES, "Updates whose handling ended", counters.handled).tag(OUTCOME, "handled").register(registry);
		counter(UPDATES, "Updates whose handling ended", counters.failed).tag(OUTCOME, "failed").register(registry);
		counter(UPDATES, "Updates whose handling ended", counters.timedOut).tag(OUTCOME, "timed_out")
			.register(registry);
		counter(UPDATES_REFUSED, "Updates refused", counters.refusedLaneFull).tag(REASON, "lane_full")
			.register(registry);
		counter(UPDATES_REFUSED, "Updates refused", counters.refusedQueueFull).tag(REASON, "queue_full")
			.register(registry);
		counter(UPDATES_REFUSED, "Updates refused", counters.refusedStopping).tag(REASON, "stopping")
			.register(registry);
		Timer laneWait = Timer.builder(LANE_WAIT)
			.description("How long updates waited in their lane before their handler started")
			.publishPercentileHistogram()
			.register(registry);
		Timer handlerDuration = Timer.builder(HANDLER_DURATION)
			.description("How long handlers ran")
			.publishPercentileHistogram()
			.register(registry);
		this.timers.use(laneWait, handlerDuration);
	}

	private static FunctionCounter.Builder<LongAdder> counter(String name, String description, LongAdder adder) {
		return FunctionCounter.builder(name, adder, LongAdder::sum).description(description);
	}

}
