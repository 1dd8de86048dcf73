package io.tggateway.fake;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bot's outgoing calls: {@code sendMessage} with Telegram's validation, chat states
 * and send limits, and the calls that only acknowledge ({@code answerCallbackQuery},
 * {@code sendChatAction}).
 */
final class FakeSender {

	static final int MAX_TEXT_LENGTH = 4096;

	private final FakeChats chats;

	private final FakeSendLimits limits;

	private final FakeBotSettings settings;

	private final AtomicInteger attempts = new AtomicInteger();

	FakeSender(FakeChats chats, FakeSendLimits limits, FakeBotSettings settings) {
		this.chats = chats;
		this.limits = limits;
		this.settings = settings;
	}

	/**
	 * Counts a sendMessage call, whatever becomes of it (faults included).
	 */
	void countAttempt() {
		this.attempts.incrementAndGet();
	}

	int attempts() {
		return this.attempts.get();
	}

	JsonNode sendMessage(FakeCall call) {
		FakeParams params = call.params();
		long chatId = this.chats.resolve(params);
		String text = params.string("text");
		if (text == null || text.isEmpty()) {
			throw FakeApiError.badRequest("message text is empty");
		}
		String plain = FakeMarkup.plainText(text, params.string("parse_mode"));
		if (plain.isBlank()) {
			throw FakeApiError.badRequest("message text is empty");
		}
		if (plain.codePointCount(0, plain.length()) > MAX_TEXT_LENGTH) {
			throw FakeApiError.badRequest("message is too long");
		}
		this.chats.checkCanSend(chatId);
		this.limits.acquire(chatId);
		SentMessage sent = this.chats.recordSend(chatId, text, params.values(), call.receivedAtNanos(),
				call.receivedAt());
		ObjectNode message = FakeJson.object().put("message_id", sent.messageId());
		message.set("from", FakeJson.botUser(FakeBotSettings.botId(call.token()), this.settings.username()));
		message.set("chat", FakeJson.chat(chatId));
		message.put("date", sent.receivedAt().getEpochSecond()).put("text", plain);
		JsonNode markup = params.json("reply_markup");
		if (markup != null && markup.has("inline_keyboard")) {
			message.set("reply_markup", markup);
		}
		return message;
	}

	JsonNode answerCallbackQuery(FakeCall call) {
		if (!call.params().has("callback_query_id")) {
			throw FakeApiError.badRequest("query_id is empty");
		}
		return BooleanNode.TRUE;
	}

	JsonNode sendChatAction(FakeCall call) {
		long chatId = this.chats.resolve(call.params());
		this.chats.checkCanSend(chatId);
		return BooleanNode.TRUE;
	}

}
