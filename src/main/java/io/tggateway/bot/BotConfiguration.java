package io.tggateway.bot;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.LinkInvitations;
import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.audience.Topics;
import io.tggateway.delivery.TelegramSender;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;

/**
 * Wires the bot: its router, its commands and the optional echo handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotProperties.class)
class BotConfiguration {

	private static final Backoff MENU_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

	@Bean
	CommandCatalog commandCatalog(ObjectProvider<CommandHandler> commands) {
		return new CommandCatalog(commands);
	}

	@Bean
	Replies replies(TelegramSender telegramSender) {
		return new Replies(telegramSender);
	}

	@Bean
	@Order(1)
	StartCommand startCommand(Replies replies, BotIdentity botIdentity, LinkInvitations linkInvitations) {
		return new StartCommand(replies, botIdentity, linkInvitations);
	}

	@Bean
	@Order(2)
	HelpCommand helpCommand(Replies replies, CommandCatalog commands) {
		return new HelpCommand(replies, commands);
	}

	@Bean
	TopicCommands topicCommands(Replies replies, Topics topics, TopicSubscriptions topicSubscriptions,
			ChatStates chatStates) {
		return new TopicCommands(replies, topics, topicSubscriptions, chatStates);
	}

	@Bean
	@Order(3)
	CommandHandler topicsCommand(TopicCommands topicCommands) {
		return topicCommands.list();
	}

	@Bean
	@Order(4)
	CommandHandler subscribeCommand(TopicCommands topicCommands) {
		return topicCommands.subscribe();
	}

	@Bean
	@Order(5)
	CommandHandler unsubscribeCommand(TopicCommands topicCommands) {
		return topicCommands.unsubscribe();
	}

	@Bean
	@Order(6)
	StopCommand stopCommand(Replies replies, SubjectLinks subjectLinks, TopicSubscriptions topicSubscriptions) {
		return new StopCommand(replies, subjectLinks, topicSubscriptions);
	}

	@Bean
	@ConditionalOnBooleanProperty("gateway.bot.echo.enabled")
	EchoHandler echoHandler(Replies replies, BotProperties properties) {
		return new EchoHandler(replies, properties.echo().delay());
	}

	@Bean
	BotRouter botRouter(CommandCatalog commands, ObjectProvider<TextHandler> textHandlers, BotIdentity botIdentity,
			Replies replies, ChatStates chatStates) {
		return new BotRouter(commands, textHandlers.orderedStream().toList(), botIdentity, replies, chatStates);
	}

	@Bean
	CommandMenuPublisher commandMenuPublisher(BotApiClient botApiClient, CommandCatalog commands) {
		return new CommandMenuPublisher(botApiClient, commands, MENU_BACKOFF);
	}

}
