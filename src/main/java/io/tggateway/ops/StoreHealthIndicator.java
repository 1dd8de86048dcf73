package io.tggateway.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code store}: which store holds the state, and whether it survives a crash. Always
 * {@code UP}: the memory store cannot fail on its own, and the database behind the
 * {@code jdbc} store is checked by Spring Boot's {@code db} indicator (part of
 * readiness), which this one does not duplicate.
 */
final class StoreHealthIndicator implements HealthIndicator {

	private final ReplicaRole role;

	StoreHealthIndicator(ReplicaRole role) {
		this.role = role;
	}

	@Override
	public Health health() {
		boolean durable = !"memory".equals(this.role.store());
		Health.Builder health = Health.up().withDetail("type", this.role.store()).withDetail("durable", durable);
		if (durable) {
			health.withDetail("database", "see the db component");
		}
		return health.build();
	}

}
