package io.tggateway.fake;

import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import org.jspecify.annotations.Nullable;

/**
 * The Bot API methods the fake implements, by lower-case name (Telegram's method names
 * are case-insensitive), each mapped to the component that owns its state.
 */
final class FakeBotApi {

	private final Map<String, Function<FakeCall, JsonNode>> methods;

	FakeBotApi(FakeBotSettings settings, FakeUpdateQueue queue, FakeSender sender) {
		this.methods = Map.ofEntries(Map.entry("getme", (call) -> settings.getMe(call.token())),
				Map.entry("getupdates", (call) -> queue.getUpdates(call.params(), !settings.webhookUrl().isEmpty())),
				Map.entry("setwebhook", (call) -> setWebhook(settings, queue, call.params())),
				Map.entry("deletewebhook", (call) -> deleteWebhook(settings, queue, call.params())),
				Map.entry("getwebhookinfo", (call) -> settings.webhookInfo(queue.pendingCount())),
				Map.entry("setmycommands", (call) -> settings.setMyCommands(call.params())),
				Map.entry("getmycommands", (call) -> settings.getMyCommands(call.params())),
				Map.entry("deletemycommands", (call) -> settings.deleteMyCommands(call.params())),
				Map.entry("sendmessage", sender::sendMessage),
				Map.entry("answercallbackquery", sender::answerCallbackQuery),
				Map.entry("sendchataction", sender::sendChatAction));
	}

	/**
	 * Returns the implementation of {@code lowerCaseName}, or null for a method Telegram
	 * would answer 404.
	 */
	@Nullable Function<FakeCall, JsonNode> method(String lowerCaseName) {
		return this.methods.get(lowerCaseName);
	}

	private static JsonNode setWebhook(FakeBotSettings settings, FakeUpdateQueue queue, FakeParams params) {
		String url = params.string("url");
		settings.setWebhookUrl(url);
		if (params.bool("drop_pending_updates")) {
			queue.dropPending();
		}
		return BooleanNode.TRUE;
	}

	private static JsonNode deleteWebhook(FakeBotSettings settings, FakeUpdateQueue queue, FakeParams params) {
		settings.setWebhookUrl(null);
		if (params.bool("drop_pending_updates")) {
			queue.dropPending();
		}
		return BooleanNode.TRUE;
	}

}
