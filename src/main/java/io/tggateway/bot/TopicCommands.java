package io.tggateway.bot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.audience.Topics;
import io.tggateway.audience.Topics.Topic;

/**
 * The topic commands: {@code /topics} lists them, {@code /subscribe <topic>} and
 * {@code /unsubscribe <topic>} change this chat's subscriptions.
 */
final class TopicCommands {

	private final Replies replies;

	private final Topics topics;

	private final TopicSubscriptions subscriptions;

	private final ChatStates chats;

	TopicCommands(Replies replies, Topics topics, TopicSubscriptions subscriptions, ChatStates chats) {
		this.replies = replies;
		this.topics = topics;
		this.subscriptions = subscriptions;
		this.chats = chats;
	}

	CommandHandler list() {
		return new Command("topics", "List the topics you can subscribe to", this::list);
	}

	CommandHandler subscribe() {
		return new Command("subscribe", "Subscribe to a topic: /subscribe <topic>", this::subscribe);
	}

	CommandHandler unsubscribe() {
		return new Command("unsubscribe", "Unsubscribe from a topic: /unsubscribe <topic>", this::unsubscribe);
	}

	private void list(CommandRequest request) throws Exception {
		List<Topic> all = this.topics.all();
		if (all.isEmpty()) {
			this.replies.send(request.chatId(), "There are no topics to subscribe to.");
			return;
		}
		Set<String> mine = Set.copyOf(this.subscriptions.topicsOf(request.chatId()));
		StringBuilder text = new StringBuilder("Topics (subscribed ones are marked *):");
		for (Topic topic : all) {
			text.append('\n')
				.append(mine.contains(topic.name()) ? "* " : "- ")
				.append(topic.name())
				.append(": ")
				.append(topic.description());
		}
		text.append("\n\n/subscribe <topic> or /unsubscribe <topic>");
		this.replies.send(request.chatId(), text.toString());
	}

	private void subscribe(CommandRequest request) throws Exception {
		Optional<Topic> topic = named(request);
		if (topic.isPresent()) {
			boolean added = this.subscriptions.subscribe(topic.get().name(), request.chatId());
			this.chats.markActive(request.chatId());
			this.replies.send(request.chatId(), (added ? "Subscribed to " : "Already subscribed to ")
					+ topic.get().name() + ". /unsubscribe " + topic.get().name() + " ends it.");
		}
	}

	private void unsubscribe(CommandRequest request) throws Exception {
		Optional<Topic> topic = named(request);
		if (topic.isPresent()) {
			boolean removed = this.subscriptions.unsubscribe(topic.get().name(), request.chatId());
			this.replies.send(request.chatId(),
					(removed ? "Unsubscribed from " : "This chat was not subscribed to ") + topic.get().name() + ".");
		}
	}

	/**
	 * The topic named in the command, or empty after telling the person what went wrong.
	 */
	private Optional<Topic> named(CommandRequest request) throws Exception {
		String name = request.arguments().strip().toLowerCase(Locale.ROOT);
		if (name.isEmpty()) {
			this.replies.send(request.chatId(),
					"Which topic? For example: /" + request.command() + " " + exampleTopic() + ". /topics lists them.");
			return Optional.empty();
		}
		Optional<Topic> topic = this.topics.find(name);
		if (topic.isEmpty()) {
			this.replies.send(request.chatId(), "There is no topic named " + name + ". /topics lists them.");
		}
		return topic;
	}

	private String exampleTopic() {
		return this.topics.all().stream().findFirst().map(Topic::name).orElse("news");
	}

	/**
	 * A command that delegates to one of the methods above.
	 */
	private record Command(String command, String description, Action action) implements CommandHandler {

		@Override
		public void handle(CommandRequest request) throws Exception {
			this.action.run(request);
		}

	}

	@FunctionalInterface
	private interface Action {

		void run(CommandRequest request) throws Exception;

	}

}
