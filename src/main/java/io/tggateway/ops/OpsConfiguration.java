package io.tggateway.ops;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import io.tggateway.cluster.Leadership;
import io.tggateway.delivery.DeliveryEngine;
import io.tggateway.delivery.SendRateLimiter;
import io.tggateway.delivery.TelegramSender;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.store.StoreProperties;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;

/**
 * Wires the health indicators ({@code telegram}, {@code botIdentity}, {@code dispatcher},
 * {@code delivery}, {@code store}, {@code leadership}) and the {@code gateway} endpoint.
 * <p>
 * The readiness group depends on the store: {@code readinessState} and
 * {@code botIdentity}, plus Spring Boot's {@code db} indicator with the {@code jdbc}
 * store. Spring Boot refuses a group that names a missing indicator, and {@code db}
 * exists only with {@code jdbc}, so the group is defined by one of two property files,
 * chosen here (they have the lowest precedence: an environment variable still wins).
 * Liveness is {@code livenessState} alone, in {@code application.yaml}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
class OpsConfiguration {

	@Bean
	ReplicaRole replicaRole(StoreProperties store, ObjectProvider<Leadership> leadership) {
		return new ReplicaRole(store.type(), leadership.getIfAvailable());
	}

	@Bean
	TelegramHealthIndicator telegramHealthIndicator(UpdatePoller updatePoller, BotIdentity botIdentity,
			ReplicaRole replicaRole, OpsProperties properties) {
		return new TelegramHealthIndicator(updatePoller, botIdentity, replicaRole, properties.pollStaleAfter(),
				Clock.systemUTC());
	}

	@Bean
	BotIdentityHealthIndicator botIdentityHealthIndicator(BotIdentity botIdentity) {
		return new BotIdentityHealthIndicator(botIdentity);
	}

	@Bean
	DispatcherHealthIndicator dispatcherHealthIndicator(UpdateDispatcher updateDispatcher,
			DispatchProperties dispatchProperties, OpsProperties properties) {
		return new DispatcherHealthIndicator(updateDispatcher, dispatchProperties, properties.saturatedAtPercent());
	}

	@Bean
	DeliveryHealthIndicator deliveryHealthIndicator(DeliveryEngine deliveryEngine, ReplicaRole replicaRole) {
		return new DeliveryHealthIndicator(deliveryEngine, replicaRole);
	}

	@Bean
	StoreHealthIndicator storeHealthIndicator(ReplicaRole replicaRole) {
		return new StoreHealthIndicator(replicaRole);
	}

	@Bean
	LeadershipHealthIndicator leadershipHealthIndicator(ReplicaRole replicaRole) {
		return new LeadershipHealthIndicator(replicaRole);
	}

	@Bean
	GatewayEndpoint gatewayEndpoint(UpdatePoller updatePoller, BotIdentity botIdentity,
			UpdateDispatcher updateDispatcher, DispatchProperties dispatchProperties, DeliveryEngine deliveryEngine,
			SendRateLimiter sendRateLimiter, TelegramSender telegramSender, BotApiClient botApiClient,
			ReplicaRole replicaRole, OpsProperties properties) {
		return new GatewayEndpoint(new GatewayEndpoint.Sources(updatePoller, botIdentity, updateDispatcher,
				dispatchProperties, deliveryEngine, sendRateLimiter, telegramSender, botApiClient), replicaRole,
				properties);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
	@PropertySource("classpath:io/tggateway/ops/readiness-memory.properties")
	static class MemoryReadiness {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "jdbc")
	@PropertySource("classpath:io/tggateway/ops/readiness-jdbc.properties")
	static class JdbcReadiness {

	}

}
