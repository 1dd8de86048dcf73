package io.tggateway.delivery;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import io.tggateway.delivery.TelegramSender.SendTimers;

/**
 * The delivery's meters. Gauges and counters read the engine's, the sender's and the
 * outbox's state when scraped; each send records how long it waited for the send limits
 * and how long the Bot API call took.
 */
final class DeliveryMetrics implements MeterBinder {

	// No base units on the gauges and counters but the age: Prometheus appends them to
	// the names.

	/** Deliveries not finished, by {@link #STATUS}. */
	static final String OUTBOX = "gateway.delivery.outbox";

	/** Seconds the oldest queued delivery has waited. */
	static final String OUTBOX_OLDEST_AGE = "gateway.delivery.outbox.oldest.age";

	/** The most deliveries that may wait at once. */
	static final String OUTBOX_CAPACITY = "gateway.delivery.outbox.capacity";

	/** Deliveries completed or retried, by {@link #OUTCOME}. */
	static final String DELIVERIES = "gateway.delivery.deliveries";

	/** Deliveries failed for good, by {@link #REASON}. */
	static final String FAILURES = "gateway.delivery.failures";

	/** Messages Telegram accepted: notifications and replies. */
	static final String MESSAGES_SENT = "gateway.delivery.messages.sent";

	/** 429 answers from Telegram. */
	static final String RATE_LIMITED = "gateway.delivery.rate.limited";

	/** How long Bot API send calls took. */
	static final String SEND_DURATION = "gateway.delivery.send.duration";

	/** How long sends waited for the send limits (and a 429 pause). */
	static final String LIMITER_WAIT = "gateway.delivery.limiter.wait";

	static final String STATUS = "status";

	static final String OUTCOME = "outcome";

	/** The base unit of the ages: Prometheus names them {@code ..._seconds}. */
	private static final String SECONDS = "seconds";

	static final String REASON = "reason";

	/**
	 * How long one reading of the outbox serves: the outbox gauges of one scrape share it
	 * (with the {@code jdbc} store a reading is a query).
	 */
	private static final long OUTBOX_READING_TTL = Duration.ofSeconds(1).toNanos();

	private final DeliveryEngine engine;

	private final TelegramSender sender;

	private final DeliveryCounters counters;

	private final DeliveryProperties properties;

	private volatile @Nullable OutboxReading lastReading;

	DeliveryMetrics(DeliveryEngine engine, TelegramSender sender, DeliveryCounters counters,
			DeliveryProperties properties) {
		this.engine = engine;
		this.sender = sender;
		this.counters = counters;
		this.properties = properties;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		outboxGauge(OUTBOX, OutboxStats::queued).description("Deliveries not finished, by status")
			.tag(STATUS, "queued")
			.register(registry);
		outboxGauge(OUTBOX, OutboxStats::sending).description("Deliveries not finished, by status")
			.tag(STATUS, "sending")
			.register(registry);
		outboxGauge(OUTBOX_OLDEST_AGE, (stats) -> stats.oldestQueuedAge().toNanos() / 1e9)
			.description("Seconds the oldest queued delivery has waited")
			.baseUnit(SECONDS)
			.register(registry);
		Gauge.builder(OUTBOX_CAPACITY, this.properties, DeliveryProperties::outboxCapacity)
			.description("The most deliveries that may wait at once (gateway.delivery.outbox-capacity)")
			.register(registry);
		counter(DELIVERIES, "Deliveries completed or retried, by outcome", this.counters.delivered)
			.tag(OUTCOME, "delivered")
			.register(registry);
		counter(DELIVERIES, "Deliveries completed or retried, by outcome", this.counters.retried)
			.tag(OUTCOME, "retried")
			.register(registry);
		for (FailureReason reason : FailureReason.values()) {
			FunctionCounter.builder(FAILURES, this.counters, (counters) -> counters.failures(reason))
				.description("Deliveries failed for good, by reason")
				.tag(REASON, reason.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		FunctionCounter.builder(MESSAGES_SENT, this.sender, (sender) -> sender.stats().sent())
			.description("Messages Telegram accepted: notifications and replies")
			.register(registry);
		FunctionCounter.builder(RATE_LIMITED, this.sender, (sender) -> sender.stats().tooManyRequests())
			.description("429 Too Many Requests answers from Telegram")
			.register(registry);
		Timer limiterWait = Timer.builder(LIMITER_WAIT)
			.description("How long sends waited for the send limits (and a 429 pause)")
			.publishPercentileHistogram()
			.register(registry);
		Timer sendDuration = Timer.builder(SEND_DURATION)
			.description("How long Bot API send calls took")
			.publishPercentileHistogram()
			.register(registry);
		this.sender.timers(new SendTimers(limiterWait, sendDuration));
	}

	private Gauge.Builder<DeliveryMetrics> outboxGauge(String name, ToDoubleFunction<OutboxStats> value) {
		return Gauge.builder(name, this, (metrics) -> value.applyAsDouble(metrics.outbox()));
	}

	private static FunctionCounter.Builder<LongAdder> counter(String name, String description, LongAdder adder) {
		return FunctionCounter.builder(name, adder, LongAdder::sum).description(description);
	}

	private OutboxStats outbox() {
		long now = System.nanoTime();
		OutboxReading reading = this.lastReading;
		if (reading == null || now - reading.readAt() > OUTBOX_READING_TTL) {
			reading = new OutboxReading(this.engine.outbox(), now);
			this.lastReading = reading;
		}
		return reading.stats();
	}

	private record OutboxReading(OutboxStats stats, long readAt) {
	}

}
