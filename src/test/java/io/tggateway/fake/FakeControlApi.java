package io.tggateway.fake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import io.tggateway.fake.FakeHttpHandler.Reply;

/**
 * The sandbox's control API on the fake's port, usable with plain {@code curl}:
 * <ul>
 * <li>{@code POST /fake/users/{chatId}/messages} with a plain-text body or a form
 * ({@code text=...}; optional {@code from=<userId>} for groups): a user writes to the
 * bot; answers {@code {"update_id":N}}.</li>
 * <li>{@code GET /fake/chats/{chatId}/messages}: what the bot sent to that chat.</li>
 * <li>{@code GET /fake/state}: queue, send and error counts.</li>
 * </ul>
 */
final class FakeControlApi {

	private static final Pattern USER_MESSAGES = Pattern.compile("/fake/users/(-?\\d+)/messages/?");

	private static final Pattern CHAT_MESSAGES = Pattern.compile("/fake/chats/(-?\\d+)/messages/?");

	private final FakeTelegram fake;

	FakeControlApi(FakeTelegram fake) {
		this.fake = fake;
	}

	Reply handle(String httpMethod, String path, URI uri, @Nullable String contentType, byte[] body) {
		try {
			Matcher user = USER_MESSAGES.matcher(path);
			if (user.matches() && "POST".equalsIgnoreCase(httpMethod)) {
				return userMessage(Long.parseLong(user.group(1)), uri, contentType, body);
			}
			Matcher chat = CHAT_MESSAGES.matcher(path);
			if (chat.matches() && "GET".equalsIgnoreCase(httpMethod)) {
				return chatMessages(Long.parseLong(chat.group(1)));
			}
			if (path.matches("/fake/state/?") && "GET".equalsIgnoreCase(httpMethod)) {
				return Reply.json(200, state());
			}
			return Reply.error(new FakeApiError(404, "Not Found"));
		}
		catch (NumberFormatException ex) {
			return Reply.error(new FakeApiError(400, "Bad Request: chat id out of range"));
		}
		catch (FakeApiError ex) {
			return Reply.error(ex);
		}
	}

	private Reply userMessage(long chatId, URI uri, @Nullable String contentType, byte[] body) {
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		FakeParams query = FakeParams.parse(uri.getRawQuery(), null, new byte[0]);
		String text = new String(body, StandardCharsets.UTF_8);
		if (type.startsWith("application/x-www-form-urlencoded")) {
			// curl -d 'hello' sends a form without fields: then the whole body is the
			// text.
			String field = FakeParams.parse(null, contentType, body).string("text");
			text = (field != null) ? field : text;
		}
		if (text.isEmpty()) {
			throw FakeApiError.badRequest("send the text as the body (text/plain) or as the form field 'text'");
		}
		Long from = query.integer("from");
		int updateId = (from != null) ? this.fake.userSendsText(chatId, from, text)
				: this.fake.userSendsText(chatId, text);
		return Reply.json(200, FakeJson.object().put("update_id", updateId));
	}

	private Reply chatMessages(long chatId) {
		ArrayNode messages = FakeJson.MAPPER.createArrayNode();
		for (SentMessage sent : this.fake.sentTo(chatId)) {
			messages.addObject()
				.put("message_id", sent.messageId())
				.put("text", sent.text())
				.put("date", sent.receivedAt().getEpochSecond());
		}
		return Reply.json(200, messages);
	}

	private ObjectNode state() {
		return FakeJson.object()
			.put("pending_updates", this.fake.pendingUpdates())
			.put("confirmed_offset", this.fake.confirmedUpTo())
			.put("last_update_id", this.fake.lastUpdateId())
			.put("get_updates_calls", this.fake.getUpdatesCalls())
			.put("poll_in_progress", this.fake.pollInProgress())
			.put("sent_messages", this.fake.sentMessages().size())
			.put("send_attempts", this.fake.sendAttempts())
			.put("conflicts", this.fake.conflicts())
			.put("too_many_requests", this.fake.tooManyRequests())
			.put("faults_served", this.fake.faultsServed())
			.put("webhook_url", this.fake.webhookUrl());
	}

}
