package io.tggateway.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The chats the fake knows: per-chat message ids (shared by users and the bot, as in
 * Telegram), what the bot sent, and states that make sends fail (blocked, kicked,
 * migrated...).
 */
final class FakeChats {

	private final Map<Long, Chat> chats = new ConcurrentHashMap<>();

	private final Map<Long, ChatState> states = new ConcurrentHashMap<>();

	private final Map<Long, Long> migrations = new ConcurrentHashMap<>();

	private final Map<String, Long> usernames = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<SentMessage> allSent = new ConcurrentLinkedQueue<>();

	int nextMessageId(long chatId) {
		Chat chat = chat(chatId);
		chat.lock.lock();
		try {
			return chat.nextMessageId++;
		}
		finally {
			chat.lock.unlock();
		}
	}

	SentMessage recordSend(long chatId, String text, JsonNode request, long receivedAtNanos, Instant receivedAt) {
		Chat chat = chat(chatId);
		chat.lock.lock();
		try {
			SentMessage sent = new SentMessage(chatId, chat.nextMessageId++, text, request, receivedAtNanos,
					receivedAt);
			chat.sent.add(sent);
			// Inside the chat's lock so that the global record keeps each chat's order
			// too.
			this.allSent.add(sent);
			return sent;
		}
		finally {
			chat.lock.unlock();
		}
	}

	List<SentMessage> allSent() {
		return List.copyOf(this.allSent);
	}

	List<SentMessage> sentTo(long chatId) {
		Chat chat = this.chats.get(chatId);
		if (chat == null) {
			return List.of();
		}
		chat.lock.lock();
		try {
			return List.copyOf(chat.sent);
		}
		finally {
			chat.lock.unlock();
		}
	}

	@Nullable SentMessage lastSentTo(long chatId) {
		List<SentMessage> sent = sentTo(chatId);
		return sent.isEmpty() ? null : sent.get(sent.size() - 1);
	}

	void clearSent() {
		for (Chat chat : this.chats.values()) {
			chat.lock.lock();
			try {
				chat.sent.clear();
			}
			finally {
				chat.lock.unlock();
			}
		}
		this.allSent.clear();
	}

	void setState(long chatId, ChatState state) {
		this.states.put(chatId, state);
	}

	void migrate(long oldChatId, long newChatId) {
		this.migrations.put(oldChatId, newChatId);
		this.states.remove(newChatId);
	}

	void restore(long chatId) {
		this.states.remove(chatId);
		this.migrations.remove(chatId);
	}

	void registerUsername(String username, long chatId) {
		this.usernames.put(normalise(username), chatId);
	}

	/**
	 * Resolves {@code chat_id} (a number, a numeric string or an {@code @username}).
	 */
	long resolve(FakeParams params) {
		if (!params.has("chat_id")) {
			throw FakeApiError.badRequest("chat_id is empty");
		}
		String value = String.valueOf(params.string("chat_id")).trim();
		if (value.startsWith("@")) {
			Long chatId = this.usernames.get(normalise(value));
			if (chatId == null) {
				throw FakeApiError.badRequest("chat not found");
			}
			return chatId;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw FakeApiError.badRequest("chat not found");
		}
	}

	/**
	 * Throws the error Telegram gives for a send to this chat, if any.
	 */
	void checkCanSend(long chatId) {
		ChatState state = this.states.get(chatId);
		if (state == ChatState.UNKNOWN) {
			throw FakeApiError.badRequest("chat not found");
		}
		Long migratedTo = this.migrations.get(chatId);
		if (migratedTo != null) {
			ObjectNode parameters = FakeJson.object().put("migrate_to_chat_id", migratedTo);
			throw new FakeApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", parameters);
		}
		if (state != null) {
			throw FakeApiError.forbidden(state.description);
		}
	}

	private Chat chat(long chatId) {
		return this.chats.computeIfAbsent(chatId, (id) -> new Chat());
	}

	private static String normalise(String username) {
		String name = username.startsWith("@") ? username.substring(1) : username;
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * What makes a send to a chat fail.
	 */
	enum ChatState {

		BLOCKED("bot was blocked by the user"), KICKED("bot was kicked from the group chat"),
		DEACTIVATED("user is deactivated"), UNKNOWN("chat not found");

		private final String description;

		ChatState(String description) {
			this.description = description;
		}

	}

	/**
	 * One chat's message ids and sends.
	 */
	private static final class Chat {

		/**
		 * Guards {@code nextMessageId} and {@code sent}; held only to allocate or copy.
		 */
		private final ReentrantLock lock = new ReentrantLock();

		private int nextMessageId = 1;

		private final List<SentMessage> sent = new ArrayList<>();

	}

}
