package io.tggateway.lifecycle;

import java.time.Duration;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Checks at startup that the drain deadline fits inside Spring's per-phase shutdown
 * timeout: otherwise Spring would give up on a phase while it is still draining.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShutdownProperties.class)
class ShutdownConfiguration {

	ShutdownConfiguration(ShutdownProperties shutdown, LifecycleProperties lifecycle) {
		Duration phaseTimeout = lifecycle.getTimeoutPerShutdownPhase();
		if (shutdown.drainTimeout().compareTo(phaseTimeout) >= 0) {
			throw new IllegalStateException("gateway.shutdown.drain-timeout (" + shutdown.drainTimeout()
					+ ") must be shorter than spring.lifecycle.timeout-per-shutdown-phase (" + phaseTimeout
					+ "): lower the first or raise the second");
		}
	}

}
