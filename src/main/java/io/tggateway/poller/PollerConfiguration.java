package io.tggateway.poller;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;

/**
 * Wires the poller and the embedded inbox of the {@code memory} store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
class PollerConfiguration {

	@Bean
	UpdateInbox updateInbox() {
		return new MemoryUpdateInbox();
	}

	@Bean
	UpdatePoller updatePoller(BotApiClient botApiClient, BotIdentity botIdentity, UpdateDispatcher updateDispatcher,
			UpdateInbox updateInbox, PollerProperties properties) {
		return new UpdatePoller(botApiClient, botIdentity, updateDispatcher, updateInbox, properties);
	}

	@Bean
	OffsetConfirmation offsetConfirmation(ObjectProvider<UpdatePoller> updatePoller) {
		return new OffsetConfirmation(updatePoller);
	}

}
