package io.tggateway.telegram;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.tggateway.lifecycle.Backoff;

/**
 * Wires the Bot API adapter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelegramProperties.class)
class TelegramConfiguration {

	private static final Backoff IDENTITY_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

	@Bean
	BotApiClient botApiClient(TelegramProperties properties) {
		return BotApiClient.create(properties);
	}

	@Bean
	BotIdentity botIdentity(BotApiClient botApiClient) {
		return new BotIdentity(botApiClient, IDENTITY_BACKOFF);
	}

}
