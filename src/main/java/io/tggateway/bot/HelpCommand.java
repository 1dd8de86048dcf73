package io.tggateway.bot;

import java.util.List;

/**
 * {@code /help}: lists the commands, as the command menu does.
 */
final class HelpCommand implements CommandHandler {

	private final Replies replies;

	private final CommandCatalog commands;

	HelpCommand(Replies replies, CommandCatalog commands) {
		this.replies = replies;
		this.commands = commands;
	}

	@Override
	public String command() {
		return "help";
	}

	@Override
	public String description() {
		return "List what the bot can do";
	}

	@Override
	public void handle(CommandRequest request) throws Exception {
		List<String> lines = this.commands.commands()
			.stream()
			.map((command) -> "/" + command.command() + " - " + command.description())
			.toList();
		this.replies.send(request.chatId(), "Commands:\n" + String.join("\n", lines));
	}

}
