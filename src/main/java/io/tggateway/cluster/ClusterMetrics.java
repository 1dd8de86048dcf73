package io.tggateway.cluster;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The cluster's meter: whether this replica leads. With the {@code jdbc} store the
 * {@link Leadership} tells; with the {@code memory} store there is no election and the
 * one replica always leads.
 */
final class ClusterMetrics implements MeterBinder {

	/** 1 while this replica leads (polls and sends), else 0. */
	static final String LEADER = "gateway.cluster.leader";

	private final BooleanSupplier leader;

	private ClusterMetrics(BooleanSupplier leader) {
		this.leader = leader;
	}

	/**
	 * The meter of a replica that takes part in the election.
	 * @param leadership its part in the election
	 * @return the meter binder
	 */
	static ClusterMetrics of(Leadership leadership) {
		return new ClusterMetrics(leadership::isLeader);
	}

	/**
	 * The meter of the single replica of the {@code memory} store.
	 * @return the meter binder
	 */
	static ClusterMetrics alwaysLeader() {
		return new ClusterMetrics(() -> true);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(LEADER, this.leader, (leader) -> leader.getAsBoolean() ? 1 : 0)
			.description("1 while this replica leads (polls Telegram and sends), else 0")
			// Gauges hold their object weakly, and nothing else holds this supplier.
			.strongReference(true)
			.register(registry);
	}

}
