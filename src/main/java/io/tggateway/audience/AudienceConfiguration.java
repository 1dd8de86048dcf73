package io.tggateway.audience;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the audience: topics from configuration, and the repositories of the
 * {@code memory} store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
class AudienceConfiguration {

	@Bean
	Topics topics(TopicProperties properties) {
		return new Topics(properties);
	}

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

	@Bean
	LinkInvitations linkInvitations(LinkTokens linkTokens, SubjectLinks subjectLinks, ChatStates chatStates) {
		return new LinkInvitations(linkTokens, subjectLinks, chatStates, Clock.systemUTC());
	}

}
