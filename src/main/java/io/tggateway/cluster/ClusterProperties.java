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
 * @param lockTtl how long the leader's lock lasts without being renewed: a leader that
 * dies or loses the database is replaced within about this time
 * @param heartbeat how often the leader renews its lock
 * @param retry how often a standby replica tries to take the lock
 */
@Validated
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(@DurationMin(seconds = 1) @DefaultValue("10s") Duration lockTtl,
		@DurationMin(millis = 100) @DefaultValue("2s") Duration heartbeat,
		@DurationMin(millis = 100) @DefaultValue("1s") Duration retry) {

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
