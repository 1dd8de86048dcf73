package io.tggateway.fake;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * A minimal Bot API client for the fake's own tests: raw HTTP through OkHttp, JSON
 * through Jackson, no Telegram library in between. It does not retry a failed connection,
 * so a fault shows exactly as the fake served it.
 */
final class FakeBotClient implements AutoCloseable {

	private static final MediaType JSON = MediaType.get("application/json");

	private final OkHttpClient http;

	private final String baseUrl;

	private final String token;

	FakeBotClient(FakeTelegram fake) {
		this(fake,
				new OkHttpClient.Builder().retryOnConnectionFailure(false).readTimeout(Duration.ofSeconds(10)).build());
	}

	FakeBotClient(FakeTelegram fake, OkHttpClient http) {
		this.http = http;
		this.baseUrl = fake.baseUrl();
		this.token = FakeTelegram.TOKEN;
	}

	/**
	 * Builds a JSON object from alternating names and values.
	 */
	static String params(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		try {
			return FakeJson.MAPPER.writeValueAsString(map);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	Answer call(String method, String json) throws IOException {
		return call(this.token, method, json);
	}

	Answer call(String token, String method, String json) throws IOException {
		return execute(botRequest(token, method).post(RequestBody.create(json, JSON)).build());
	}

	Answer post(String path, RequestBody body) throws IOException {
		return execute(new Request.Builder().url(this.baseUrl + path).post(body).build());
	}

	Answer get(String path) throws IOException {
		return execute(new Request.Builder().url(this.baseUrl + path).get().build());
	}

	CompletableFuture<Answer> callAsync(String method, String json) {
		CompletableFuture<Answer> answer = new CompletableFuture<>();
		Request request = botRequest(this.token, method).post(RequestBody.create(json, JSON)).build();
		this.http.newCall(request).enqueue(new Callback() {

			@Override
			public void onResponse(Call call, Response response) {
				try (response) {
					answer.complete(read(response));
				}
				catch (IOException ex) {
					answer.completeExceptionally(ex);
				}
			}

			@Override
			public void onFailure(Call call, IOException ex) {
				answer.completeExceptionally(ex);
			}

		});
		return answer;
	}

	private Request.Builder botRequest(String token, String method) {
		return new Request.Builder().url(this.baseUrl + "/bot" + token + "/" + method);
	}

	private Answer execute(Request request) throws IOException {
		try (Response response = this.http.newCall(request).execute()) {
			return read(response);
		}
	}

	private static Answer read(Response response) throws IOException {
		ResponseBody body = response.body();
		return new Answer(response.code(), response.header("Content-Type"), (body != null) ? body.string() : "");
	}

	@Override
	public void close() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
	}

	/**
	 * One HTTP answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header
	 * @param text the body
	 */
	record Answer(int status, @Nullable String contentType, String text) {

		JsonNode json() {
			return FakeJson.parse(this.text);
		}

		JsonNode result() {
			return json().path("result");
		}

		String description() {
			return json().path("description").asText();
		}

	}

}
