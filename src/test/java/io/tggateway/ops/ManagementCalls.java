package io.tggateway.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the Actuator on the management port over real HTTP, as Kubernetes and operators
 * do.
 */
final class ManagementCalls {

	/** The {@code gateway.ops.details-key} the tests configure. */
	static final String DETAILS_KEY = "ops-key-0123456789abcdef";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final String baseUrl;

	private final @Nullable String key;

	/**
	 * Calls as an operator with {@link #DETAILS_KEY}.
	 * @param port the management port
	 */
	ManagementCalls(int port) {
		this(port, DETAILS_KEY);
	}

	/**
	 * Calls with the given key, or anonymously.
	 * @param port the management port
	 * @param key the key, or {@code null} for none
	 */
	ManagementCalls(int port, @Nullable String key) {
		this.baseUrl = "http://127.0.0.1:" + port;
		this.key = key;
	}

	Reply get(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(TIMEOUT).GET();
		if (this.key != null) {
			builder.header("Authorization", "Bearer " + this.key);
		}
		HttpRequest request = builder.build();
		try {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(), json.readTree(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param body the body as sent
	 * @param json the body, parsed
	 */
	record Reply(int status, String body, JsonNode json) {

		String healthStatus() {
			return this.json.path("status").asString();
		}

		String componentStatus(String component) {
			return this.json.path("components").path(component).path("status").asString();
		}

		String detail(String component, String detail) {
			return this.json.path("components").path(component).path("details").path(detail).asString();
		}

	}

}
