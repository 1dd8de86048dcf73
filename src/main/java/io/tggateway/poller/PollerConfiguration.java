package io.tggateway.poller;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.store.StoreProperties;
import io.tggateway.store.StoreType;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;

/**
 * Wires the poller, its inbox and its meters. With the {@code memory} store the poller
 * starts with the application and confirms its last offset on shutdown; with {@code jdbc}
 * the replica that holds the leadership starts and stops it, and the durable inbox makes
 * the last confirmation unnecessary (redeliveries are dropped by {@code update_id}), so a
 * stopping replica never polls while another one leads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
class PollerConfiguration {

	@Bean
	UpdatePoller updatePoller(BotApiClient botApiClient, BotIdentity botIdentity, UpdateDispatcher updateDispatcher,
			UpdateInbox updateInbox, PollerProperties properties, StoreProperties store) {
		return new UpdatePoller(botApiClient, botIdentity, updateDispatcher, updateInbox, properties,
				store.type() == StoreType.MEMORY);
	}

	@Bean
	PollerMetrics pollerMetrics(UpdatePoller updatePoller) {
		return new PollerMetrics(updatePoller, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
	static class MemoryInbox {

		@Bean
		UpdateInbox updateInbox() {
			return new MemoryUpdateInbox();
		}

		@Bean
		OffsetConfirmation offsetConfirmation(ObjectProvider<UpdatePoller> updatePoller) {
			return new OffsetConfirmation(updatePoller);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "jdbc")
	static class JdbcInbox {

		@Bean
		JdbcUpdateInbox updateInbox(JdbcClient jdbcClient, PollerProperties properties) {
			return new JdbcUpdateInbox(jdbcClient, properties.inboxRetention());
		}

	}

}
