package io.tggateway.telegram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * {@code getUpdates}, read one update at a time: TelegramBots' own {@code GetUpdates}
 * fails the whole batch when one update does not deserialize, which would make a poller
 * fetch the same batch forever.
 */
final class ReadUpdates extends BotApiMethod<UpdateBatch> {

	private static final long serialVersionUID = 1L;

	private final int offset;

	private final int limit;

	private final int timeout;

	private final List<String> allowedUpdates;

	ReadUpdates(int offset, int limit, int timeoutSeconds, List<String> allowedUpdates) {
		this.offset = offset;
		this.limit = limit;
		this.timeout = timeoutSeconds;
		this.allowedUpdates = List.copyOf(allowedUpdates);
	}

	@JsonProperty("offset")
	int offset() {
		return this.offset;
	}

	@JsonProperty("limit")
	int limit() {
		return this.limit;
	}

	@JsonProperty("timeout")
	int timeout() {
		return this.timeout;
	}

	@JsonProperty("allowed_updates")
	List<String> allowedUpdates() {
		return this.allowedUpdates;
	}

	@Override
	public String getMethod() {
		return "getUpdates";
	}

	@Override
	public UpdateBatch deserializeResponse(String answer) throws TelegramApiRequestException {
		JsonNode root;
		try {
			root = OBJECT_MAPPER.readTree(answer);
		}
		catch (IOException ex) {
			throw new TelegramApiRequestException("Unable to deserialize response", ex);
		}
		if (root == null || !root.path("ok").asBoolean(false)) {
			throw new TelegramApiRequestException("Error executing getUpdates", errorOf(root));
		}
		List<Update> updates = new ArrayList<>();
		List<Integer> unreadable = new ArrayList<>();
		for (JsonNode node : root.path("result")) {
			Update update = readUpdate(node);
			if (update != null) {
				updates.add(update);
			}
			else if (node.path("update_id").canConvertToInt()) {
				unreadable.add(node.path("update_id").asInt());
			}
		}
		return new UpdateBatch(updates, unreadable);
	}

	private static @Nullable Update readUpdate(JsonNode node) {
		try {
			Update update = OBJECT_MAPPER.treeToValue(node, Update.class);
			return (update != null && update.getUpdateId() != null) ? update : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static ApiResponse<?> errorOf(@Nullable JsonNode root) {
		if (root == null) {
			return ApiResponse.builder().ok(false).errorCode(0).errorDescription("empty answer").build();
		}
		ResponseParameters parameters = null;
		if (root.has("parameters")) {
			try {
				parameters = OBJECT_MAPPER.treeToValue(root.get("parameters"), ResponseParameters.class);
			}
			catch (IOException ex) {
				parameters = null;
			}
		}
		return ApiResponse.builder()
			.ok(false)
			.errorCode(root.path("error_code").asInt(0))
			.errorDescription(root.path("description").asText(""))
			.parameters(parameters)
			.build();
	}

}
