package io.tggateway.notify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the REST API over real HTTP/1.1 on loopback, with raw bytes and any headers, so
 * that tests can send what a well-behaved client never would.
 */
final class ApiCalls {

	static final String JSON = "application/json";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final String baseUrl;

	ApiCalls(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	Reply get(String path, @Nullable String key) {
		return send(request(path, key).GET());
	}

	Reply delete(String path, @Nullable String key) {
		return send(request(path, key).DELETE());
	}

	Reply post(String path, @Nullable String key, String body, String... headers) {
		return send("POST", path, key, JSON, body.getBytes(StandardCharsets.UTF_8), false, headers);
	}

	/**
	 * Sends any request.
	 * @param method the method
	 * @param path the path
	 * @param key the API key, or {@code null} for none
	 * @param contentType the Content-Type, or {@code null} for none
	 * @param body the body's bytes, sent as they are
	 * @param chunked send without Content-Length, in chunks
	 * @param headers more headers, as name, value, name, value...
	 * @return the reply
	 */
	Reply send(String method, String path, @Nullable String key, @Nullable String contentType, byte[] body,
			boolean chunked, String... headers) {
		HttpRequest.Builder request = request(path, key);
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		BodyPublisher publisher = chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
				: BodyPublishers.ofByteArray(body);
		return send(request.method(method, publisher));
	}

	private HttpRequest.Builder request(String path, @Nullable String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(TIMEOUT);
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return request;
	}

	private Reply send(HttpRequest.Builder request) {
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String body(Object value) {
		return json.writeValueAsString(value);
	}

	/**
	 * An answer of the API.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param text the body
	 */
	record Reply(int status, HttpHeaders headers, String text) {

		JsonNode json() {
			return ApiCalls.json.readTree(this.text);
		}

		Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		String contentType() {
			return header("Content-Type").orElse("");
		}

		/**
		 * The fields that a problem's {@code errors} names.
		 * @return the fields
		 */
		List<String> errorFields() {
			return json().path("errors").values().stream().map((error) -> error.path("field").asString()).toList();
		}

		@Override
		public String toString() {
			return this.status + " " + this.text;
		}

	}

}
