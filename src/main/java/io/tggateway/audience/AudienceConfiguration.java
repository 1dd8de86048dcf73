package io.tggateway.audience;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.store.StoreProperties;

/**
 * Wires the audience: topics from configuration, and the repositories of the
 * {@code memory} or the {@code jdbc} store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
class AudienceConfiguration {

	@Bean
	Topics topics(TopicProperties properties) {
		return new Topics(properties);
	}

	@Bean
	LinkInvitations linkInvitations(LinkTokens linkTokens, SubjectLinks subjectLinks, ChatStates chatStates) {
		return new LinkInvitations(linkTokens, subjectLinks, chatStates, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "memory", matchIfMissing = true)
	static class MemoryAudience {

		@Bean
		SubjectLinks subjectLinks() {
			return new MemorySubjectLinks();
		}

		@Bean
		TopicSubscriptions topicSubscriptions() {
			return new MemoryTopicSubscriptions();
		}

		@Bean
		LinkTokens linkTokens() {
			return new MemoryLinkTokens();
		}

		@Bean
		ChatStates chatStates() {
			return new MemoryChatStates();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = StoreProperties.TYPE, havingValue = "jdbc")
	static class JdbcAudience {

		@Bean
		SubjectLinks subjectLinks(JdbcClient jdbcClient, TransactionTemplate transactionTemplate) {
			return new JdbcSubjectLinks(jdbcClient, transactionTemplate);
		}

		@Bean
		TopicSubscriptions topicSubscriptions(JdbcClient jdbcClient, TransactionTemplate transactionTemplate) {
			return new JdbcTopicSubscriptions(jdbcClient, transactionTemplate);
		}

		@Bean
		LinkTokens linkTokens(JdbcClient jdbcClient) {
			return new JdbcLinkTokens(jdbcClient);
		}

		@Bean
		ChatStates chatStates(JdbcClient jdbcClient) {
			return new JdbcChatStates(jdbcClient);
		}

	}

}
