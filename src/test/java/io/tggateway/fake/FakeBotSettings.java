package io.tggateway.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * What BotFather and the bot's own settings calls control: valid tokens, the username,
 * the webhook and the command lists.
 */
final class FakeBotSettings {

	private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

	private final Set<String> tokens = ConcurrentHashMap.newKeySet();

	/**
	 * Command lists by scope type and language code ({@code "default|"} for the plain
	 * one).
	 */
	private final Map<String, List<BotCommand>> commands = new ConcurrentHashMap<>();

	private volatile String username = "fake_bot";

	private volatile String webhookUrl = "";

	FakeBotSettings(String token) {
		this.tokens.add(token);
	}

	void acceptToken(String token) {
		botId(token);
		this.tokens.add(token);
	}

	void revokeTokens() {
		this.tokens.clear();
	}

	boolean isValid(String token) {
		return this.tokens.contains(token);
	}

	static long botId(String token) {
		int colon = token.indexOf(':');
		try {
			return Long.parseLong(token.substring(0, Math.max(colon, 0)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("A bot token looks like <bot id>:<secret>", ex);
		}
	}

	String username() {
		return this.username;
	}

	void setUsername(String username) {
		this.username = username.startsWith("@") ? username.substring(1) : username;
	}

	String webhookUrl() {
		return this.webhookUrl;
	}

	void setWebhookUrl(@Nullable String url) {
		this.webhookUrl = (url != null) ? url : "";
	}

	JsonNode getMe(String token) {
		return FakeJson.botUser(botId(token), this.username)
			.put("can_join_groups", true)
			.put("can_read_all_group_messages", false)
			.put("supports_inline_queries", false);
	}

	JsonNode webhookInfo(int pendingUpdates) {
		return FakeJson.object()
			.put("url", this.webhookUrl)
			.put("has_custom_certificate", false)
			.put("pending_update_count", pendingUpdates);
	}

	JsonNode setMyCommands(FakeParams params) {
		JsonNode list = params.json("commands");
		if (list == null || !list.isArray()) {
			throw FakeApiError.badRequest("parameter \"commands\" is required");
		}
		if (list.size() > 100) {
			throw FakeApiError.badRequest("BOT_COMMANDS_TOO_MUCH");
		}
		List<BotCommand> parsed = new ArrayList<>();
		for (JsonNode entry : list) {
			String command = entry.path("command").asText("");
			String description = entry.path("description").asText("");
			if (!COMMAND.matcher(command).matches()) {
				throw FakeApiError.badRequest("BOT_COMMAND_INVALID");
			}
			int length = description.codePointCount(0, description.length());
			if (length < 1 || length > 256) {
				throw FakeApiError.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
			}
			parsed.add(new BotCommand(command, description));
		}
		this.commands.put(key(params), List.copyOf(parsed));
		return BooleanNode.TRUE;
	}

	JsonNode getMyCommands(FakeParams params) {
		ArrayNode result = FakeJson.MAPPER.createArrayNode();
		for (BotCommand command : this.commands.getOrDefault(key(params), List.of())) {
			ObjectNode entry = result.addObject();
			entry.put("command", command.command()).put("description", command.description());
		}
		return result;
	}

	JsonNode deleteMyCommands(FakeParams params) {
		this.commands.remove(key(params));
		return BooleanNode.TRUE;
	}

	List<BotCommand> commands() {
		return this.commands.getOrDefault("default|", List.of());
	}

	private static String key(FakeParams params) {
		JsonNode scope = params.json("scope");
		String type = (scope != null) ? scope.path("type").asText("default") : "default";
		String chat = (scope != null && scope.has("chat_id")) ? ":" + scope.get("chat_id").asText() : "";
		String language = params.string("language_code");
		return type + chat + "|" + ((language != null) ? language : "");
	}

}
