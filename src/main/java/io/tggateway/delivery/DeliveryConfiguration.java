package io.tggateway.delivery;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;

/**
 * Wires the send path.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	private static final Backoff SEND_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

	@Bean
	TelegramSender telegramSender(BotApiClient botApiClient) {
		return new TelegramSender(botApiClient, SEND_BACKOFF);
	}

}
