package io.tggateway.bot;

import io.tggateway.telegram.BotIdentity;

/**
 * {@code /start}: the greeting a person sees when they open the bot.
 */
final class StartCommand implements CommandHandler {

	private final Replies replies;

	private final BotIdentity identity;

	StartCommand(Replies replies, BotIdentity identity) {
		this.replies = replies;
		this.identity = identity;
	}

	@Override
	public String command() {
		return "start";
	}

	@Override
	public String description() {
		return "Start talking to the bot";
	}

	@Override
	public void handle(CommandRequest request) throws Exception {
		String name = this.identity.username().map((username) -> "@" + username).orElse("this bot");
		this.replies.send(request.chatId(), "Hello! This is " + name + ". Send /help to see what I can do.");
	}

}
