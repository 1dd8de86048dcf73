package io.tggateway.delivery;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The delivery engine's event counters.
 */
final class DeliveryCounters {

	final LongAdder messagesSent = new LongAdder();

	final LongAdder delivered = new LongAdder();

	final LongAdder retried = new LongAdder();

	final LongAdder deferred = new LongAdder();

	final LongAdder migrated = new LongAdder();

	private final Map<FailureReason, LongAdder> failed = new EnumMap<>(FailureReason.class);

	DeliveryCounters() {
		for (FailureReason reason : FailureReason.values()) {
			this.failed.put(reason, new LongAdder());
		}
	}

	void failed(FailureReason reason) {
		Objects.requireNonNull(this.failed.get(reason)).increment();
	}

	long failures(FailureReason reason) {
		return Objects.requireNonNull(this.failed.get(reason)).sum();
	}

	DeliveryStats snapshot() {
		Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
		this.failed.forEach((reason, count) -> failures.put(reason, count.sum()));
		return new DeliveryStats(this.messagesSent.sum(), this.delivered.sum(), this.retried.sum(), this.deferred.sum(),
				this.migrated.sum(), failures);
	}

}
