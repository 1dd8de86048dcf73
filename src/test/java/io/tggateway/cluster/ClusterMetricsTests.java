package io.tggateway.cluster;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.leader.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader gauge: with the {@code jdbc} store it follows the election, with the
 * {@code memory} store the one replica always leads.
 */
class ClusterMetricsTests {

	private static final Context CONTEXT = () -> true;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(ClusterConfiguration.class);

	@Test
	void whenLeadershipIsGrantedAndRevokedThenTheGaugeFollows() {
		Leadership leadership = new Leadership("replica-1", List.of(), List::of);
		MeterRegistry registry = new SimpleMeterRegistry();
		ClusterMetrics.of(leadership).bindTo(registry);
		assertThat(leader(registry)).isZero();
		leadership.onGranted(CONTEXT);
		assertThat(leader(registry)).isEqualTo(1);
		leadership.onRevoked(CONTEXT);
		assertThat(leader(registry)).isZero();
	}

	@Test
	void whenTheStoreIsMemoryThenTheReplicaAlwaysLeads() {
		this.contextRunner.withPropertyValues("gateway.store.type=memory").run((context) -> {
			assertThat(context).doesNotHaveBean(Leadership.class);
			assertThat(leader(bound(context.getBean(MeterBinder.class)))).isEqualTo(1);
		});
	}

	@Test
	void whenAnElectionTakesPlaceThenTheGaugeReadsIt() {
		Leadership leadership = new Leadership("replica-2", List.of(), List::of);
		this.contextRunner.withBean(Leadership.class, () -> leadership).run((context) -> {
			MeterRegistry registry = bound(context.getBean(MeterBinder.class));
			assertThat(leader(registry)).isZero();
			leadership.onGranted(CONTEXT);
			assertThat(leader(registry)).isEqualTo(1);
		});
	}

	private static MeterRegistry bound(MeterBinder binder) {
		MeterRegistry registry = new SimpleMeterRegistry();
		binder.bindTo(registry);
		return registry;
	}

	private static double leader(MeterRegistry registry) {
		return registry.get(ClusterMetrics.LEADER).gauge().value();
	}

}
