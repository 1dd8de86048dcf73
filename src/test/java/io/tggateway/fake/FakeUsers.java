package io.tggateway.fake;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Simulated people: what they do becomes updates in the queue, shaped as Telegram shapes
 * them.
 */
final class FakeUsers {

	private final FakeUpdateQueue queue;

	private final FakeChats chats;

	private final FakeBotSettings settings;

	private final long botId;

	private final AtomicLong queryIds = new AtomicLong(4_000_000_000_000_000_001L);

	FakeUsers(FakeUpdateQueue queue, FakeChats chats, FakeBotSettings settings, long botId) {
		this.queue = queue;
		this.chats = chats;
		this.settings = settings;
		this.botId = botId;
	}

	int sendsText(long chatId, long userId, String text) {
		ObjectNode message = FakeJson.object().put("message_id", this.chats.nextMessageId(chatId));
		message.set("from", FakeJson.user(userId));
		message.set("chat", FakeJson.chat(chatId));
		message.put("date", FakeJson.now()).put("text", text);
		if (text.startsWith("/")) {
			int end = 0;
			while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
				end++;
			}
			// Entity offsets and lengths count UTF-16 code units, as Java strings do.
			message.putArray("entities").addObject().put("offset", 0).put("length", end).put("type", "bot_command");
		}
		ObjectNode update = FakeJson.object();
		update.set("message", message);
		return this.queue.enqueue(update);
	}

	int pressesButton(long chatId, long userId, String data) {
		SentMessage last = this.chats.lastSentTo(chatId);
		ObjectNode message = FakeJson.object()
			.put("message_id", (last != null) ? last.messageId() : this.chats.nextMessageId(chatId));
		message.set("from", FakeJson.botUser(this.botId, this.settings.username()));
		message.set("chat", FakeJson.chat(chatId));
		message.put("date", (last != null) ? last.receivedAt().getEpochSecond() : FakeJson.now())
			.put("text", (last != null) ? plainText(last) : "Choose");
		if (last != null && last.request().has("reply_markup")) {
			JsonNode markup = last.request().get("reply_markup");
			message.set("reply_markup", markup.isTextual() ? FakeJson.parse(markup.asText()) : markup);
		}
		ObjectNode query = FakeJson.object().put("id", String.valueOf(this.queryIds.getAndIncrement()));
		query.set("from", FakeJson.user(userId));
		query.set("message", message);
		query.put("chat_instance", String.valueOf(Long.hashCode(chatId) * 7919L + 1)).put("data", data);
		ObjectNode update = FakeJson.object();
		update.set("callback_query", query);
		return this.queue.enqueue(update);
	}

	int inlineQuery(long userId, String text) {
		ObjectNode query = FakeJson.object().put("id", String.valueOf(this.queryIds.getAndIncrement()));
		query.set("from", FakeJson.user(userId));
		query.put("query", text).put("offset", "").put("chat_type", "sender");
		ObjectNode update = FakeJson.object();
		update.set("inline_query", query);
		return this.queue.enqueue(update);
	}

	int raw(String jsonWithoutUpdateId) {
		JsonNode content = FakeJson.parse(jsonWithoutUpdateId);
		if (!content.isObject()) {
			throw new IllegalArgumentException("An update is a JSON object: " + jsonWithoutUpdateId);
		}
		return this.queue.enqueue((ObjectNode) content);
	}

	/**
	 * The text of a recorded send as Telegram shows it (the send was validated, so its
	 * markup parses).
	 */
	private static String plainText(SentMessage sent) {
		JsonNode parseMode = sent.request().get("parse_mode");
		return FakeMarkup.plainText(sent.text(), (parseMode != null) ? parseMode.asText() : null);
	}

}
