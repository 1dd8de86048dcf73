package io.tggateway.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.tggateway.cluster.Leadership;

/**
 * {@code leadership}: whether this replica is the leader (polls and sends) or a standby
 * (serves the REST API, takes over when the leader goes). Always {@code UP}: a standby is
 * healthy and ready. With the memory store the one replica always leads.
 */
final class LeadershipHealthIndicator implements HealthIndicator {

	private final ReplicaRole role;

	LeadershipHealthIndicator(ReplicaRole role) {
		this.role = role;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up().withDetail("role", this.role.name());
		Leadership leadership = this.role.leadership();
		if (leadership != null) {
			health.withDetail("replicaId", leadership.replicaId()).withDetail("grants", leadership.grants());
		}
		return health.build();
	}

}
