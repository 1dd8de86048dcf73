package io.tggateway.cluster;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Leadership among replicas ({@code gateway.cluster}), with the {@code jdbc} store.
 *
 * @param lockTtl how long the leader's lock lasts without being renewed (at least 8 s): a
 * leader that dies or loses the database is replaced within about this time
 * @param heartbeat how often the leader renews its lock
 * @param retry how often a standby replica tries to take the lock
 */
@Validated
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(@DurationMin(seconds = 8) @DefaultValue("10s") Duration lockTtl,
		@DurationMin(millis = 100) @DefaultValue("2s") Duration heartbeat,
		@DurationMin(millis = 100) @DefaultValue("1s") Duration retry) {

	/**
	 * How long one database call of the election may take (connect, log in, or wait for
	 * an answer) before it fails: an eighth of the lock's lifetime, at least a second
	 * (the PostgreSQL driver counts in seconds). A renewal that fails can take two calls
	 * (the statement and its rollback) and the release that follows two more; with the
	 * heartbeat at most a third of the lifetime, all of it ends before the lock expires
	 * elsewhere, so a leader cut off from the database stops polling before another
	 * replica can start.
	 * @return the time limit
	 */
	public Duration callTimeout() {
		return Duration.ofSeconds(Math.max(1, this.lockTtl.toSeconds() / 8));
	}

	/**
	 * Whether the leader renews its lock well within the lock's lifetime.
	 * @return {@code true} if the heartbeat is at most a third of the lock's TTL
	 */
	@AssertTrue(message = "gateway.cluster.heartbeat must be at most a third of gateway.cluster.lock-ttl")
	public boolean isHeartbeatWithinTtl() {
		return this.lockTtl == null || this.heartbeat == null
				|| this.heartbeat.multipliedBy(3).compareTo(this.lockTtl) <= 0;
	}

}
