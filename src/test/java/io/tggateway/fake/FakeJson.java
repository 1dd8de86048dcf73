package io.tggateway.fake;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The wire format's building blocks (users, chats, envelopes), written with Jackson trees
 * so that the fake stays independent of the library under test.
 */
final class FakeJson {

	static final ObjectMapper MAPPER = new ObjectMapper();

	/**
	 * Private chats have positive ids, groups negative ones, supergroups and channels
	 * start at this id and go further down.
	 */
	static final long SUPERGROUP_IDS_FROM = -1_000_000_000_000L;

	private FakeJson() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static long now() {
		return Instant.now().getEpochSecond();
	}

	static ObjectNode user(long userId) {
		return object().put("id", userId)
			.put("is_bot", false)
			.put("first_name", "User " + userId)
			.put("language_code", "en");
	}

	static ObjectNode botUser(long botId, String username) {
		return object().put("id", botId).put("is_bot", true).put("first_name", "Fake Bot").put("username", username);
	}

	static ObjectNode chat(long chatId) {
		if (chatId > 0) {
			return object().put("id", chatId).put("first_name", "User " + chatId).put("type", "private");
		}
		String type = (chatId > SUPERGROUP_IDS_FROM) ? "group" : "supergroup";
		return object().put("id", chatId).put("title", "Group " + chatId).put("type", type);
	}

	static ObjectNode ok(JsonNode result) {
		ObjectNode body = object().put("ok", true);
		body.set("result", result);
		return body;
	}

	static JsonNode parse(String json) {
		try {
			return MAPPER.readTree(json);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

}
