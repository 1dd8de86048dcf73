package io.tggateway.dispatch;

import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.polls.PollAnswer;

/**
 * Which lane an update belongs to. The key is a Telegram chat id:
 * <ul>
 * <li>updates about a chat (messages, edits, channel posts, business messages, member
 * changes, join requests, reactions, boosts) use that chat's id;</li>
 * <li>a callback query uses the chat of the message its button is on; without one (inline
 * messages) it uses the user's id;</li>
 * <li>updates that only have a user (inline queries, chosen inline results, shipping and
 * pre-checkout queries, poll answers, paid media purchases, business connections, managed
 * bots, subscriptions) use the user's id, which is also the id of the user's private chat
 * with the bot: they are ordered with that conversation;</li>
 * <li>updates with neither (a poll's new state, types this version does not know) share
 * lane {@link #NO_CHAT}.</li>
 * </ul>
 */
final class LaneKeys {

	/**
	 * The lane of updates that belong to no chat and no user; 0 is never a chat id.
	 */
	static final long NO_CHAT = 0;

	private LaneKeys() {
	}

	static long of(Update update) {
		Message message = firstMessage(update);
		if (message != null) {
			return chatId(message.getChat());
		}
		if (update.getCallbackQuery() != null) {
			return callbackKey(update.getCallbackQuery());
		}
		long chatKey = chatScoped(update);
		return (chatKey != NO_CHAT) ? chatKey : userScoped(update);
	}

	private static @Nullable Message firstMessage(Update update) {
		if (update.getMessage() != null) {
			return update.getMessage();
		}
		if (update.getEditedMessage() != null) {
			return update.getEditedMessage();
		}
		if (update.getChannelPost() != null) {
			return update.getChannelPost();
		}
		if (update.getEditedChannelPost() != null) {
			return update.getEditedChannelPost();
		}
		if (update.getBusinessMessage() != null) {
			return update.getBusinessMessage();
		}
		if (update.getEditedBuinessMessage() != null) {
			return update.getEditedBuinessMessage();
		}
		return update.getGuestMessage();
	}

	private static long callbackKey(CallbackQuery query) {
		MaybeInaccessibleMessage message = query.getMessage();
		if (message != null && message.getChat() != null) {
			return chatId(message.getChat());
		}
		return userId(query.getFrom());
	}

	private static long chatScoped(Update update) {
		if (update.getMyChatMember() != null) {
			return chatId(update.getMyChatMember().getChat());
		}
		if (update.getChatMember() != null) {
			return chatId(update.getChatMember().getChat());
		}
		if (update.getChatJoinRequest() != null) {
			return chatId(update.getChatJoinRequest().getChat());
		}
		if (update.getMessageReaction() != null) {
			return chatId(update.getMessageReaction().getChat());
		}
		if (update.getMessageReactionCount() != null) {
			return chatId(update.getMessageReactionCount().getChat());
		}
		if (update.getChatBoost() != null) {
			return chatId(update.getChatBoost().getChat());
		}
		if (update.getRemovedChatBoost() != null) {
			return chatId(update.getRemovedChatBoost().getChat());
		}
		if (update.getDeletedBusinessMessages() != null) {
			return chatId(update.getDeletedBusinessMessages().getChat());
		}
		return NO_CHAT;
	}

	private static long userScoped(Update update) {
		if (update.getInlineQuery() != null) {
			return userId(update.getInlineQuery().getFrom());
		}
		if (update.getChosenInlineQuery() != null) {
			return userId(update.getChosenInlineQuery().getFrom());
		}
		if (update.getShippingQuery() != null) {
			return userId(update.getShippingQuery().getFrom());
		}
		if (update.getPreCheckoutQuery() != null) {
			return userId(update.getPreCheckoutQuery().getFrom());
		}
		if (update.getPollAnswer() != null) {
			return pollAnswerKey(update.getPollAnswer());
		}
		if (update.getPaidMediaPurchased() != null) {
			return userId(update.getPaidMediaPurchased().getUser());
		}
		if (update.getBusinessConnection() != null) {
			return userId(update.getBusinessConnection().getUser());
		}
		if (update.getManagedBot() != null) {
			return userId(update.getManagedBot().getUser());
		}
		if (update.getSubscription() != null) {
			return userId(update.getSubscription().getUser());
		}
		return NO_CHAT;
	}

	private static long pollAnswerKey(PollAnswer answer) {
		return (answer.getUser() != null) ? userId(answer.getUser()) : chatId(answer.getVoterChat());
	}

	private static long chatId(@Nullable Chat chat) {
		return (chat != null && chat.getId() != null) ? chat.getId() : NO_CHAT;
	}

	private static long userId(@Nullable User user) {
		return (user != null && user.getId() != null) ? user.getId() : NO_CHAT;
	}

}
