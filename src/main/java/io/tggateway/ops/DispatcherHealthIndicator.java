package io.tggateway.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.DispatchStats;
import io.tggateway.dispatch.UpdateDispatcher;

/**
 * {@code dispatcher}: how full the per-chat dispatcher is. {@code UP} below
 * {@code gateway.ops.saturated-at-percent} of {@code max-queued-updates};
 * {@code SATURATED} (HTTP 200: working, but updates wait, and the poller holds back) at
 * or above it; {@code OUT_OF_SERVICE} once it stopped accepting updates (shutting down).
 * Running handlers at their limit alone is normal under load and not a status.
 */
final class DispatcherHealthIndicator implements HealthIndicator {

	private final UpdateDispatcher dispatcher;

	private final DispatchProperties properties;

	private final int saturatedAtPercent;

	DispatcherHealthIndicator(UpdateDispatcher dispatcher, DispatchProperties properties, int saturatedAtPercent) {
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.saturatedAtPercent = saturatedAtPercent;
	}

	@Override
	public Health health() {
		DispatchStats stats = this.dispatcher.stats();
		int capacity = this.properties.maxQueuedUpdates();
		long percent = Math.round(stats.queued() * 100.0 / capacity);
		Status status;
		if (!this.dispatcher.isRunning()) {
			status = Status.OUT_OF_SERVICE;
		}
		else if ((long) stats.queued() * 100 >= (long) capacity * this.saturatedAtPercent) {
			status = OpsStatus.SATURATED;
		}
		else {
			status = Status.UP;
		}
		Health.Builder health = Health.status(status)
			.withDetail("queued", stats.queued())
			.withDetail("capacity", capacity)
			.withDetail("queueFullPercent", percent)
			.withDetail("running", stats.running())
			.withDetail("runningLimit", this.properties.maxRunningHandlers())
			.withDetail("activeLanes", stats.activeLanes());
		if (status.equals(OpsStatus.SATURATED)) {
			health.withDetail("reason", "queue " + percent + " % full (threshold " + this.saturatedAtPercent
					+ " %): the poller holds back until handlers catch up");
		}
		else if (status.equals(Status.OUT_OF_SERVICE)) {
			health.withDetail("reason", "not accepting updates (stopped)");
		}
		return health.build();
	}

}
