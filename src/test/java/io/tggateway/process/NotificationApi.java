package io.tggateway.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the notifications REST API of one gateway process on loopback, as the client
 * {@code test} ({@link JdbcGatewayLaunch#API_KEY}).
 */
final class NotificationApi implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final String baseUrl;

	NotificationApi(GatewayProcess gateway) {
		this.baseUrl = "http://127.0.0.1:" + gateway.serverPort() + "/api/v1/notifications";
	}

	/**
	 * Posts a plain-text notification to one chat.
	 * @param chatId the chat
	 * @param text the text
	 * @return the accepted notification's id
	 * @throws IllegalStateException if it was not accepted (202)
	 */
	String post(long chatId, String text) {
		String body = JSON.createObjectNode().put("chatId", chatId).put("text", text).toString();
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)));
		if (response.statusCode() != 202) {
			throw new IllegalStateException(
					"POST " + this.baseUrl + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).path("id").asString();
	}

	/**
	 * Reads a notification's status.
	 * @param id the notification's id
	 * @return its status and deliveries
	 */
	Status status(String id) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/" + id)).GET());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + this.baseUrl + "/" + id + " answered " + response.statusCode() + ": " + response.body());
		}
		JsonNode node = JSON.readTree(response.body());
		List<Delivery> deliveries = new ArrayList<>();
		for (JsonNode delivery : node.path("deliveries")) {
			deliveries.add(new Delivery(delivery.path("chatId").asLong(), delivery.path("status").asString(),
					delivery.path("possibleDuplicate").asBoolean()));
		}
		return new Status(id, node.path("status").asString(), deliveries);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(
					request.timeout(TIMEOUT).header("Authorization", "Bearer " + JdbcGatewayLaunch.API_KEY).build(),
					BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot call " + this.baseUrl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + this.baseUrl, ex);
		}
	}

	@Override
	public void close() {
		this.http.close();
	}

	/**
	 * A notification as {@code GET /api/v1/notifications/{id}} shows it.
	 *
	 * @param id its id
	 * @param status the notification's status, such as "queued" or "delivered"
	 * @param deliveries one per chat
	 */
	record Status(String id, String status, List<Delivery> deliveries) {

	}

	/**
	 * The delivery of a notification to one chat.
	 *
	 * @param chatId the chat
	 * @param status its status
	 * @param possibleDuplicate whether the message may have arrived twice
	 */
	record Delivery(long chatId, String status, boolean possibleDuplicate) {

	}

}
