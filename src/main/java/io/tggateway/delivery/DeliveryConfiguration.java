package io.tggateway.delivery;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.audience.Topics;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.lifecycle.ShutdownProperties;
import io.tggateway.store.StoreProperties;
import io.tggateway.store.StoreType;
import io.tggateway.telegram.BotApiClient;

/**
 * Wires the send path, the outbox (of the {@code memory} or the {@code jdbc} store), the
 * delivery engine and its meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

	private static final Backoff INTERACTIVE_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

	private final DeliveryCounters counters = new DeliveryCounters();

	@Bean
	SendRateLimiter sendRateLimiter(DeliveryProperties properties) {
		return new SendRateLimiter(properties.limits());
	}

	@Bean
	TelegramSender telegramSender(BotApiClient botApiClient, SendRateLimiter sendRateLimiter) {
		return new TelegramSender(botApiClient, sendRateLimiter, INTERACTIVE_BACKOFF);
	}

	@Bean
	DeliveryEngine deliveryEngine(OutboxStore outboxStore, TelegramSender telegramSender,
			SendRateLimiter sendRateLimiter, DeliveryProperties properties, SubjectLinks subjectLinks,
			TopicSubscriptions topicSubscriptions, ChatStates chatStates, ShutdownProperties shutdown,
			StoreProperties store) {
		DeliveryAttempt attempt = new DeliveryAttempt(outboxStore, telegramSender, sendRateLimiter, properties,
				new DeliveryAttempt.Audience(subjectLinks, topicSubscriptions, chatStates), Clock.systemUTC(),
				this.counters);
		return new DeliveryEngine(outboxStore, attempt, sendRateLimiter, properties, Clock.systemUTC(),
				shutdown.drainTimeout(), this.counters, store.type() != StoreType.MEMORY);
	}

	@Bean
	DeliveryMetrics deliveryMetrics(DeliveryEngine deliveryEngine, TelegramSender telegramSender,
			DeliveryProperties properties) {
		return new DeliveryMetrics(deliveryEngine, telegramSender, this.counters, properties);
	}

	@Bean
	NotificationOutbox notificationOutbox(OutboxStore outboxStore, DeliveryEngine deliveryEngine, Topics topics,
			SubjectLinks subjectLinks, TopicSubscriptions topicSubscriptions, ChatStates chatStates,
			DeliveryProperties properties) {
		return new NotificationOutbox(outboxStore, deliveryEngine,
				new NotificationOutbox.Recipients(topics, subjectLinks, topicSubscriptions, chatStates), properties,
				Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
	static class MemoryOutbox {

		@Bean
		OutboxStore outboxStore(DeliveryProperties properties) {
			return new MemoryOutboxStore(properties.retainedNotifications(), properties.idempotencyTtl());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "jdbc")
	static class JdbcOutbox {

		@Bean
		OutboxStore outboxStore(JdbcClient jdbcClient, TransactionTemplate transactionTemplate,
				DeliveryProperties properties) {
			return new JdbcOutboxStore(jdbcClient, transactionTemplate, properties.idempotencyTtl());
		}

	}

}
