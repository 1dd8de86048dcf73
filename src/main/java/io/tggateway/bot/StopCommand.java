package io.tggateway.bot;

import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;

/**
 * {@code /stop}: this chat stops receiving notifications: it is unlinked from every
 * subject and unsubscribed from every topic.
 */
final class StopCommand implements CommandHandler {

	private final Replies replies;

	private final SubjectLinks links;

	private final TopicSubscriptions subscriptions;

	StopCommand(Replies replies, SubjectLinks links, TopicSubscriptions subscriptions) {
		this.replies = replies;
		this.links = links;
		this.subscriptions = subscriptions;
	}

	@Override
	public String command() {
		return "stop";
	}

	@Override
	public String description() {
		return "Stop receiving notifications in this chat";
	}

	@Override
	public void handle(CommandRequest request) throws Exception {
		int unlinked = this.links.unlinkChat(request.chatId());
		int unsubscribed = this.subscriptions.unsubscribeChat(request.chatId());
		if (unlinked + unsubscribed == 0) {
			this.replies.send(request.chatId(), "This chat receives no notifications.");
			return;
		}
		this.replies.send(request.chatId(), "Done: this chat receives no more notifications (unlinked from " + unlinked
				+ " account(s), unsubscribed from " + unsubscribed + " topic(s)).");
	}

}
