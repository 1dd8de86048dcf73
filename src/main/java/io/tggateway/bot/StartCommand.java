package io.tggateway.bot;

import java.util.Optional;
import java.util.regex.Pattern;

import io.tggateway.audience.LinkInvitations;
import io.tggateway.telegram.BotIdentity;

/**
 * {@code /start}: the greeting a person sees when they open the bot, and, with a token
 * from a deep link ({@code t.me/<bot>?start=<token>}), linking this chat to the subject
 * the link was made for.
 */
final class StartCommand implements CommandHandler {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Replies replies;

	private final BotIdentity identity;

	private final LinkInvitations invitations;

	StartCommand(Replies replies, BotIdentity identity, LinkInvitations invitations) {
		this.replies = replies;
		this.identity = identity;
		this.invitations = invitations;
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
		String token = request.arguments();
		if (token.isEmpty()) {
			String name = this.identity.username().map((username) -> "@" + username).orElse("this bot");
			this.replies.send(request.chatId(), "Hello! This is " + name + ". Send /help to see what I can do.");
			return;
		}
		Optional<String> subject = TOKEN.matcher(token).matches() ? this.invitations.redeem(token, request.chatId())
				: Optional.empty();
		if (subject.isPresent()) {
			this.replies.send(request.chatId(), "Done: this chat now receives the notifications for " + subject.get()
					+ ". Send /stop to end that.");
		}
		else {
			this.replies.send(request.chatId(),
					"This link is invalid, already used or expired. Please ask for a new one.");
		}
	}

}
