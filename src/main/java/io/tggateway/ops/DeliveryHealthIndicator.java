package io.tggateway.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.tggateway.delivery.DeliveryEngine;
import io.tggateway.delivery.OutboxStats;

/**
 * {@code delivery}: the outbox's depth (queued, being sent, the oldest queued delivery's
 * age). {@code UP} while the engine sends, or on a standby (the leader sends);
 * {@code OUT_OF_SERVICE} when the leader's engine is stopped (shutting down);
 * {@code DOWN} when the outbox cannot be read (its database is unreachable). A deep
 * outbox is a matter for alerts on the metrics, not a health status: Telegram's send
 * limits make a backlog normal after a large broadcast.
 */
final class DeliveryHealthIndicator implements HealthIndicator {

	private final DeliveryEngine engine;

	private final ReplicaRole role;

	DeliveryHealthIndicator(DeliveryEngine engine, ReplicaRole role) {
		this.engine = engine;
		this.role = role;
	}

	@Override
	public Health health() {
		OutboxStats outbox;
		try {
			outbox = this.engine.outbox();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("reason", "cannot read the outbox: " + ex.getMessage()).build();
		}
		Health.Builder health = (this.engine.isRunning() || !this.role.isLeader()) ? Health.up()
				: Health.outOfService().withDetail("reason", "the delivery engine is stopped");
		return health.withDetail("sending", this.engine.isRunning() ? "this replica" : "the leader")
			.withDetail("queued", outbox.queued())
			.withDetail("inFlight", outbox.sending())
			.withDetail("oldestQueuedAge", outbox.oldestQueuedAge().toString())
			.build();
	}

}
