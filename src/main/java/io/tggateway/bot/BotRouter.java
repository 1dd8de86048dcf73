package io.tggateway.bot;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.audience.ChatStates;
import io.tggateway.telegram.BotIdentity;

/**
 * The bot's {@link UpdateHandler}: routes a new message that starts with a command to the
 * {@link CommandHandler} of that name, other text to the {@link TextHandler}s, and
 * ignores the rest (logged at DEBUG). In groups, {@code /cmd@other_bot} is left to the
 * other bot; an unknown command gets a hint in private chats and silence in groups.
 */
final class BotRouter implements UpdateHandler {

	private static final Logger logger = LoggerFactory.getLogger(BotRouter.class);

	private final CommandCatalog catalog;

	private volatile @Nullable Map<String, CommandHandler> commands;

	private final List<TextHandler> textHandlers;

	private final BotIdentity identity;

	private final Replies replies;

	private final ChatStates chats;

	BotRouter(CommandCatalog catalog, List<TextHandler> textHandlers, BotIdentity identity, Replies replies,
			ChatStates chats) {
		this.chats = chats;
		this.catalog = catalog;
		this.textHandlers = List.copyOf(textHandlers);
		this.identity = identity;
		this.replies = replies;
	}

	@Override
	public void handle(Update update) throws Exception {
		Message message = update.getMessage();
		if (message == null || message.getText() == null) {
			logger.debug("No handler for update {}", update.getUpdateId());
			return;
		}
		// Whoever writes to the bot accepts its messages again (topics skipped the chat).
		this.chats.markActive(message.getChatId());
		CommandRequest request = parseCommand(message);
		if (request != null) {
			route(request);
			return;
		}
		if (message.getText().startsWith("/")) {
			// A command for another bot in a group.
			return;
		}
		for (TextHandler handler : this.textHandlers) {
			if (handler.handle(message)) {
				return;
			}
		}
		logger.debug("No text handler took update {}", update.getUpdateId());
	}

	private void route(CommandRequest request) throws Exception {
		CommandHandler handler = commands().get(request.command());
		if (handler != null) {
			handler.handle(request);
		}
		else if (request.isPrivate()) {
			this.replies.send(request.chatId(),
					"I don't know the command /" + request.command() + ". Send /help to see what I can do.");
		}
	}

	private Map<String, CommandHandler> commands() {
		Map<String, CommandHandler> byName = this.commands;
		if (byName == null) {
			byName = this.catalog.commands()
				.stream()
				.collect(Collectors.toUnmodifiableMap((command) -> command.command().toLowerCase(Locale.ROOT),
						Function.identity()));
			this.commands = byName;
		}
		return byName;
	}

	/**
	 * Reads the command at the start of the message, if any and if addressed to this bot.
	 */
	private @Nullable CommandRequest parseCommand(Message message) {
		String text = message.getText();
		if (!text.startsWith("/")) {
			return null;
		}
		int end = 1;
		while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
			end++;
		}
		String token = text.substring(1, end);
		int at = token.indexOf('@');
		String name = (at >= 0) ? token.substring(0, at) : token;
		if (at >= 0) {
			String addressee = token.substring(at + 1);
			String me = this.identity.username().orElse("");
			if (!addressee.equalsIgnoreCase(me)) {
				return null;
			}
		}
		if (name.isEmpty()) {
			return null;
		}
		return new CommandRequest(message, name.toLowerCase(Locale.ROOT), text.substring(end).strip());
	}

}
