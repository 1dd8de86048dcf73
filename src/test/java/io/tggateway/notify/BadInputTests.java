package io.tggateway.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.notify.ApiCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every kind of bad input is a 4xx problem that says what to change, and nothing is sent.
 * Each row of the table is sent with its own chat id; then a valid marker notification is
 * sent to that chat and awaited. Deliveries to a chat keep their order, so had the bad
 * request been queued, it would have reached the fake before the marker.
 * <p>
 * Memory store only: bad input is refused before anything reaches the store. The accepted
 * paths (including a body of exactly the size limit) run against both stores in
 * {@link NotificationApiTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.api.keys.billing=" + BadInputTests.KEY,
				"gateway.api.requests-per-second=10000", "gateway.delivery.limits.enabled=false",
				"gateway.topics.releases.description=Release notes" })
@DirtiesContext
class BadInputTests {

	static final String KEY = "billing-key-0123456789abcdef";

	private static final String PATH = "/api/v1/notifications";

	private static final int LIMIT = 64 * 1024;

	private static final FakeTelegram fake = FakeTelegram.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	static Stream<Arguments> badRequests() {
		Table table = new Table();
		// Not JSON, or not one JSON object
		table.row("malformed JSON", json("{\"chatId\": CHAT, \"text\": \"hi\""), 400, "not valid JSON");
		table.row("not JSON at all", json("hello"), 400, "not valid JSON");
		table.row("an array", json("[1, 2]"), 400, "JSON object");
		table.row("JSON null", json("null"), 400, "JSON object");
		table.row("empty body", json(""), 400, "JSON object");
		table.row("two objects", json("{\"chatId\": CHAT, \"text\": \"hi\"} {}"), 400, "JSON object");
		// Wrong types: never coerced
		table.row("chatId a word", json("{\"chatId\": \"abc\", \"text\": \"hi\"}"), 400, "chatId");
		table.row("chatId a numeric string", json("{\"chatId\": \"123\", \"text\": \"hi\"}"), 400, "chatId");
		table.row("chatId a fraction", json("{\"chatId\": 1.5, \"text\": \"hi\"}"), 400, "chatId");
		table.row("chatId too large", json("{\"chatId\": 99999999999999999999, \"text\": \"hi\"}"), 400, "chatId");
		table.row("chatId a boolean", json("{\"chatId\": true, \"text\": \"hi\"}"), 400, "chatId");
		table.row("silent a word", json("{\"chatId\": CHAT, \"text\": \"hi\", \"silent\": \"yes\"}"), 400, "silent");
		table.row("silent a number", json("{\"chatId\": CHAT, \"text\": \"hi\", \"silent\": 1}"), 400, "silent");
		table.row("text a number", json("{\"chatId\": CHAT, \"text\": 5}"), 400, "text");
		table.row("text an array", json("{\"chatId\": CHAT, \"text\": [\"hi\"]}"), 400, "text");
		table.row("buttons an object", json("{\"chatId\": CHAT, \"text\": \"hi\", \"buttons\": {}}"), 400, "buttons");
		table.row("button a string", json("{\"chatId\": CHAT, \"text\": \"hi\", \"buttons\": [\"x\"]}"), 400,
				"buttons[0]");
		// Unknown and repeated fields
		table.row("misspelt field", json("{\"chatID\": CHAT, \"text\": \"hi\"}"), 400, "chatID");
		table.row("unknown button field",
				json("{\"chatId\": CHAT, \"text\": \"hi\", \"buttons\": [{\"text\": \"a\", \"url\": \"https://a.b\", "
						+ "\"label\": \"x\"}]}"),
				400, "buttons[0].label");
		table.row("text twice", json("{\"chatId\": CHAT, \"text\": \"hi\", \"text\": \"ho\"}"), 400, "text");
		// Recipients
		table.row("no recipient", json("{\"text\": \"hi\"}"), 400, "chatId");
		table.row("chat and topic", json("{\"chatId\": CHAT, \"topic\": \"releases\", \"text\": \"hi\"}"), 400,
				"topic");
		table.row("three recipients",
				json("{\"chatId\": CHAT, \"subject\": \"u-1\", \"topic\": \"releases\", \"text\": \"hi\"}"), 400,
				"subject");
		table.row("chat id 0", json("{\"chatId\": 0, \"text\": \"hi\"}"), 400, "chatId");
		table.row("unknown topic", json("{\"topic\": \"nope\", \"text\": \"hi\"}"), 422, "topic");
		table.row("blank topic", json("{\"topic\": \" \", \"text\": \"hi\"}"), 400, "topic");
		table.row("subject with no chat", json("{\"subject\": \"user-nobody\", \"text\": \"hi\"}"), 422, "subject");
		table.row("subject with a space", json("{\"subject\": \"user 42\", \"text\": \"hi\"}"), 400, "subject");
		table.row("subject too long", json("{\"subject\": \"" + "u".repeat(129) + "\", \"text\": \"hi\"}"), 400,
				"subject");
		// Text
		table.row("no text", json("{\"chatId\": CHAT}"), 400, "text");
		table.row("null text", json("{\"chatId\": CHAT, \"text\": null}"), 400, "text");
		table.row("empty text", json("{\"chatId\": CHAT, \"text\": \"\"}"), 400, "text");
		table.row("blank text", json("{\"chatId\": CHAT, \"text\": \" \\n\\t \"}"), 400, "text");
		table.row("bell in text", json("{\"chatId\": CHAT, \"text\": \"ding\\u0007\"}"), 400, "text");
		table.row("NUL in text", json("{\"chatId\": CHAT, \"text\": \"a\\u0000b\"}"), 400, "text");
		table.row("escape in text", json("{\"chatId\": CHAT, \"text\": \"\\u001b[31mred\"}"), 400, "text");
		table.row("C1 control in text", json("{\"chatId\": CHAT, \"text\": \"a\\u0085b\"}"), 400, "text");
		table.row("unpaired surrogate", json("{\"chatId\": CHAT, \"text\": \"a\\ud800b\"}"), 400, "text");
		table.row("broken HTML", json("{\"chatId\": CHAT, \"text\": \"<b>bold\", \"parseMode\": \"HTML\"}"), 400,
				"text");
		table.row("unsplittable MarkdownV2",
				json("{\"chatId\": CHAT, \"text\": \"*" + "a".repeat(5000) + "*\", \"parseMode\": \"MarkdownV2\"}"),
				400, "text");
		// Parse mode
		table.row("legacy Markdown", json("{\"chatId\": CHAT, \"text\": \"hi\", \"parseMode\": \"Markdown\"}"), 400,
				"parseMode");
		table.row("empty parse mode", json("{\"chatId\": CHAT, \"text\": \"hi\", \"parseMode\": \"\"}"), 400,
				"parseMode");
		table.row("numeric parse mode", json("{\"chatId\": CHAT, \"text\": \"hi\", \"parseMode\": 1}"), 400,
				"parseMode");
		// Buttons
		table.row("101 buttons", json("{\"chatId\": CHAT, \"text\": \"hi\", \"buttons\": ["
				+ String.join(",", Collections.nCopies(101, "{\"text\": \"a\", \"url\": \"https://a.b\"}")) + "]}"),
				400, "buttons");
		table.row("button without text", button("{\"url\": \"https://example.com\"}"), 400, "buttons[0].text");
		table.row("button with blank text", button("{\"text\": \" \", \"url\": \"https://example.com\"}"), 400,
				"buttons[0].text");
		table.row("button text with a line break", button("{\"text\": \"a\\nb\", \"url\": \"https://example.com\"}"),
				400, "buttons[0].text");
		table.row("button without url", button("{\"text\": \"Open\"}"), 400, "buttons[0].url");
		table.row("javascript url", button("{\"text\": \"Open\", \"url\": \"javascript:alert(1)\"}"), 400,
				"buttons[0].url");
		table.row("ftp url", button("{\"text\": \"Open\", \"url\": \"ftp://example.com/f\"}"), 400, "buttons[0].url");
		table.row("relative url", button("{\"text\": \"Open\", \"url\": \"example.com\"}"), 400, "buttons[0].url");
		table.row("url without host", button("{\"text\": \"Open\", \"url\": \"https://\"}"), 400, "buttons[0].url");
		table.row("malformed url", button("{\"text\": \"Open\", \"url\": \"https://exa mple.com\"}"), 400,
				"buttons[0].url");
		table.row("null button", button("null"), 400, "buttons[0]");
		// Idempotency key
		table.row("key too long", valid().header("Idempotency-Key", "k".repeat(256)), 400, "Idempotency-Key");
		table.row("empty key", valid().header("Idempotency-Key", ""), 400, "Idempotency-Key");
		table.row("key with a tab", valid().header("Idempotency-Key", "a\tb"), 400, "Idempotency-Key");
		table.row("key twice", valid().header("Idempotency-Key", "a").header("Idempotency-Key", "b"), 400,
				"Idempotency-Key");
		// Encoding
		table.row("invalid UTF-8", utf8("{\"chatId\": CHAT, \"text\": \"caf", RawRequest.bytes(0xC3, 0x28), "\"}"), 400,
				"UTF-8");
		table.row("overlong UTF-8", utf8("{\"chatId\": CHAT, \"text\": \"", RawRequest.bytes(0xC0, 0xAF), "\"}"), 400,
				"UTF-8");
		table.row("UTF-8 surrogate", utf8("{\"chatId\": CHAT, \"text\": \"", RawRequest.bytes(0xED, 0xA0, 0x80), "\"}"),
				400, "UTF-8");
		table.row("stray byte", utf8("{\"chatId\": CHAT, \"text\": \"", RawRequest.bytes(0xFF), "\"}"), 400, "UTF-8");
		table.row("Latin-1 charset",
				json("{\"chatId\": CHAT, \"text\": \"hi\"}").contentType("application/json; charset=ISO-8859-1"), 415,
				"UTF-8");
		// Size
		String huge = "{\"chatId\": CHAT, \"text\": \"" + "a".repeat(LIMIT) + "\"}";
		table.row("body over 64 KiB", json(huge), 413, "65536 bytes");
		table.row("chunked body over 64 KiB", json(huge).chunked(), 413, "65536 bytes");
		// Media types, methods and paths
		table.row("text/plain", json("{\"chatId\": CHAT, \"text\": \"hi\"}").contentType("text/plain"), 415,
				"application/json");
		table.row("no content type", json("{\"chatId\": CHAT, \"text\": \"hi\"}").contentType(null), 415,
				"application/json");
		table.row("XML", json("<chatId>1</chatId>").contentType("application/xml"), 415, "application/json");
		table.row("PUT notifications", json("{\"chatId\": CHAT, \"text\": \"hi\"}").method("PUT", PATH), 405, "PUT");
		table.row("DELETE a notification", RawRequest.of("DELETE", PATH + "/00000000-0000-0000-0000-000000000000"), 405,
				"DELETE");
		table.row("POST topics", json("{}").method("POST", "/api/v1/topics"), 405, "POST");
		table.row("HTML accepted only", valid().header("Accept", "text/html"), 406, "application/json");
		table.row("subject with a path parameter", RawRequest.of("DELETE", "/api/v1/subjects/user-1;x"), 400,
				"subject");
		table.row("malformed id", RawRequest.of("GET", PATH + "/42"), 400, "id");
		table.row("unknown path", RawRequest.of("GET", "/api/v1/notification"), 404, "/api/v1/notification");
		return table.rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void whenTheRequestIsBadThenAProblemNamesWhatToChangeAndNothingIsSent(String name, RawRequest request, int status,
			String names) {
		ApiCalls api = new ApiCalls(this.port);
		int attempts = fake.sendAttempts();
		Reply reply = request.send(api, KEY);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.path("type").asString()).startsWith("urn:tg-gateway:problem:");
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("instance").asString()).isEqualTo(request.path());
		String detail = problem.path("detail").asString();
		assertThat(reply.errorFields().contains(names) || detail.contains(names)).as("%s names %s", reply, names)
			.isTrue();
		String marker = "marker for " + name;
		Reply accepted = api.post(PATH, KEY, "{\"chatId\": " + request.chat() + ", \"text\": \"" + marker + "\"}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> fake.sentTo(request.chat()).size() == 1);
		assertThat(fake.sentTo(request.chat())).extracting(SentMessage::text).containsExactly(marker);
		assertThat(fake.sendAttempts()).isEqualTo(attempts + 1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/api/v1/notifications/%zz", "/api/v1/notifications/%", "/api/v1/subjects/%C3%28",
			"/api/v1/subjects/a%00b", "/api/v1/topics/..%2f..%2f" })
	void whenThePathIsNotAValidUriThenTheAnswerIsAProblemToo(String path) throws IOException {
		// Below any HTTP client library: they refuse to send such a path.
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
			String body = answer.substring(head.length() + 4);
			assertThat(head).as(answer)
				.startsWith("HTTP/1.1 400 ")
				.containsIgnoringCase("content-type: application/problem+json");
			assertThat(body).as(answer)
				.contains("\"type\":\"urn:tg-gateway:problem:invalid-request\"", "\"status\":400");
		}
	}

	private static RawRequest valid() {
		return json("{\"chatId\": CHAT, \"text\": \"hi\"}");
	}

	private static RawRequest json(String body) {
		return RawRequest.post(PATH, body);
	}

	private static RawRequest button(String button) {
		return json("{\"chatId\": CHAT, \"text\": \"hi\", \"buttons\": [" + button + "]}");
	}

	private static RawRequest utf8(String before, byte[] raw, String after) {
		return RawRequest.post(PATH, before, raw, after);
	}

	/**
	 * The rows of the table; each gets its own chat id.
	 */
	private static final class Table {

		private final AtomicInteger chats = new AtomicInteger(5000);

		private final List<Arguments> rows = new ArrayList<>();

		void row(String name, RawRequest request, int status, String names) {
			this.rows.add(Arguments.of(name, request.forChat(this.chats.incrementAndGet()), status, names));
		}

	}

}
