package io.tggateway.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.notify.ApiCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending notifications and reading their status over HTTP: authentication, idempotency,
 * delivery through the fake Bot API, and each client seeing only its own notifications.
 * Runs against both stores ({@link NotificationApiMemoryTests},
 * {@link NotificationApiJdbcTests}), each with its own fake Bot API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.api.keys.billing=" + NotificationApiTests.BILLING,
				"gateway.api.keys.shop=" + NotificationApiTests.SHOP, "gateway.api.requests-per-second=10000",
				"gateway.delivery.limits.enabled=false", "gateway.topics.releases.description=Release notes" })
@DirtiesContext
abstract class NotificationApiTests {

	static final String BILLING = "billing-key-0123456789abcdef";

	static final String SHOP = "shop-key-0123456789abcdef";

	static final String PATH = "/api/v1/notifications";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private SubjectLinks subjectLinks;

	@Autowired
	private TopicSubscriptions topicSubscriptions;

	/**
	 * The fake Bot API of this test class's service.
	 * @return the fake
	 */
	abstract FakeTelegram fake();

	private ApiCalls api() {
		return new ApiCalls(this.port);
	}

	@Test
	void whenNoKeyThenUnauthorizedWithABearerChallenge() {
		Reply reply = api().post(PATH, null, "{\"chatId\": 3001, \"text\": \"hello\"}");
		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.header("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(reply.contentType()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.path("type").asString()).isEqualTo("urn:tg-gateway:problem:unauthorized");
		assertThat(problem.path("status").asInt()).isEqualTo(401);
		assertThat(problem.path("instance").asString()).isEqualTo(PATH);
		assertThat(problem.path("detail").asString()).contains("Authorization: Bearer");
		assertThat(api().get("/api/v1/topics", null).status()).isEqualTo(401);
		assertThat(api().get("/api/v1/no-such-thing", null).status()).isEqualTo(401);
	}

	@Test
	void whenTheKeyIsWrongThenUnauthorizedAndNothingIsSent() {
		Reply wrong = api().post(PATH, BILLING + "x", "{\"chatId\": 3002, \"text\": \"hello\"}");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.header("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
		assertThat(wrong.text()).doesNotContain(BILLING);
		Reply basic = api().send("GET", "/api/v1/topics", null, null, new byte[0], false, "Authorization",
				"Basic " + BILLING);
		assertThat(basic.status()).isEqualTo(401);
		Reply lowerCaseScheme = api().send("GET", "/api/v1/topics", null, null, new byte[0], false, "Authorization",
				"bearer " + SHOP);
		assertThat(lowerCaseScheme.status()).isEqualTo(200);
		assertThat(fake().sentTo(3002)).isEmpty();
	}

	@Test
	void whenANotificationIsAcceptedThenItIsEventuallyDeliveredWithAMessageId() {
		Reply accepted = api().post(PATH, BILLING,
				"{\"chatId\": 3003, \"text\": \"Your order has <b>shipped</b>\", \"parseMode\": \"HTML\", "
						+ "\"silent\": true, \"buttons\": [{\"text\": \"Track\", \"url\": \"https://example.com/t/1\"}]}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		JsonNode body = accepted.json();
		String id = body.path("id").asString();
		assertThat(UUID.fromString(id)).isNotNull();
		assertThat(accepted.header("Location")).contains(PATH + "/" + id);
		assertThat(accepted.header(NotificationController.IDEMPOTENCY_REPLAYED)).isEmpty();
		assertThat(body.path("recipient").asString()).isEqualTo("chat:3003");
		assertThat(body.path("status").asString()).isIn("queued", "sending", "delivered");
		assertThat(body.has("client")).isFalse();
		JsonNode delivered = awaitStatus(BILLING, id, "delivered");
		JsonNode delivery = delivered.path("deliveries").path(0);
		assertThat(delivery.path("chatId").asLong()).isEqualTo(3003);
		assertThat(delivery.path("status").asString()).isEqualTo("delivered");
		assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.path("possibleDuplicate").asBoolean()).isFalse();
		assertThat(delivery.has("lastError")).isFalse();
		assertThat(delivery.path("deliveredAt").asString()).isNotEmpty();
		SentMessage sent = fake().sentTo(3003).getFirst();
		assertThat(delivery.path("messageIds").path(0).asInt()).isEqualTo(sent.messageId());
		assertThat(sent.text()).isEqualTo("Your order has <b>shipped</b>");
		assertThat(sent.request().path("parse_mode").asText()).isEqualTo("HTML");
		assertThat(sent.request().path("disable_notification").asBoolean()).isTrue();
		assertThat(sent.request().toString()).contains("https://example.com/t/1");
	}

	@Test
	void whenAnotherClientAsksForANotificationThenItIsNotFound() {
		String id = api().post(PATH, BILLING, "{\"chatId\": 3004, \"text\": \"private\"}").json().path("id").asString();
		assertThat(api().get(PATH + "/" + id, BILLING).status()).isEqualTo(200);
		Reply other = api().get(PATH + "/" + id, SHOP);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.contentType()).startsWith("application/problem+json");
		assertThat(other.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:not-found");
		assertThat(other.text()).doesNotContain("billing");
		assertThat(api().get(PATH + "/" + UUID.randomUUID(), BILLING).status()).isEqualTo(404);
		Reply malformed = api().get(PATH + "/not-a-uuid", BILLING);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.errorFields()).containsExactly("id");
	}

	@Test
	void whenTheSameKeyComesWithTheSameBodyThenTheFirstNotificationIsReturnedAndNothingIsSentAgain() {
		String body = "{\"chatId\": 3005, \"text\": \"once only\"}";
		Reply first = api().post(PATH, BILLING, body, "Idempotency-Key", "order-42-shipped");
		assertThat(first.status()).isEqualTo(202);
		String id = first.json().path("id").asString();
		awaitStatus(BILLING, id, "delivered");
		Reply again = api().post(PATH, BILLING, body, "Idempotency-Key", "order-42-shipped");
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.header(NotificationController.IDEMPOTENCY_REPLAYED)).contains("true");
		assertThat(again.header("Location")).contains(PATH + "/" + id);
		assertThat(again.json().path("id").asString()).isEqualTo(id);
		assertThat(again.json().path("status").asString()).isEqualTo("delivered");
		// Deliveries to one chat keep their order: once the marker arrives, a second send
		// of the first notification would have arrived before it.
		awaitStatus(BILLING, send(BILLING, 3005, "marker"), "delivered");
		assertThat(fake().sentTo(3005)).extracting(SentMessage::text).containsExactly("once only", "marker");
	}

	@Test
	void whenTheSameKeyComesWithAnotherBodyThenConflict() {
		assertThat(api().post(PATH, BILLING, "{\"chatId\": 3006, \"text\": \"first\"}", "Idempotency-Key", "k-3006")
			.status()).isEqualTo(202);
		Reply conflict = api().post(PATH, BILLING, "{\"chatId\": 3006, \"text\": \"second\"}", "Idempotency-Key",
				"k-3006");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:idempotency-key-reused");
		assertThat(conflict.errorFields()).containsExactly("Idempotency-Key");
		awaitStatus(BILLING, send(BILLING, 3006, "marker"), "delivered");
		assertThat(fake().sentTo(3006)).extracting(SentMessage::text).containsExactly("first", "marker");
	}

	@Test
	void whenTwoClientsUseTheSameKeyThenEachGetsItsOwnNotification() {
		String body = "{\"chatId\": 3007, \"text\": \"same key\"}";
		Reply billing = api().post(PATH, BILLING, body, "Idempotency-Key", "shared-key");
		Reply shop = api().post(PATH, SHOP, body, "Idempotency-Key", "shared-key");
		assertThat(billing.status()).isEqualTo(202);
		assertThat(shop.status()).isEqualTo(202);
		assertThat(shop.header(NotificationController.IDEMPOTENCY_REPLAYED)).isEmpty();
		assertThat(shop.json().path("id").asString()).isNotEqualTo(billing.json().path("id").asString());
		awaitStatus(SHOP, shop.json().path("id").asString(), "delivered");
		awaitStatus(BILLING, billing.json().path("id").asString(), "delivered");
		assertThat(fake().sentTo(3007)).hasSize(2);
	}

	@Test
	void whenANotificationIsForASubjectOrATopicThenEveryChatGetsADelivery() {
		this.subjectLinks.link("user-3008", 3008);
		this.subjectLinks.link("user-3008", -3009);
		Reply subject = api().post(PATH, SHOP, "{\"subject\": \"user-3008\", \"text\": \"to a subject\"}");
		assertThat(subject.status()).isEqualTo(202);
		assertThat(subject.json().path("recipient").asString()).isEqualTo("subject:user-3008");
		JsonNode done = awaitStatus(SHOP, subject.json().path("id").asString(), "delivered");
		assertThat(done.path("deliveries").values()).extracting((delivery) -> delivery.path("chatId").asLong())
			.containsExactlyInAnyOrder(3008L, -3009L);
		this.topicSubscriptions.subscribe("releases", 3010);
		this.topicSubscriptions.subscribe("releases", 3011);
		Reply topic = api().post(PATH, SHOP, "{\"topic\": \"releases\", \"text\": \"v2 is out\"}");
		assertThat(topic.status()).isEqualTo(202);
		awaitStatus(SHOP, topic.json().path("id").asString(), "delivered");
		assertThat(fake().sentTo(3010)).extracting(SentMessage::text).containsExactly("v2 is out");
		assertThat(fake().sentTo(3011)).extracting(SentMessage::text).containsExactly("v2 is out");
	}

	@Test
	void whenTheBodyIsExactlyTheLimitThenItIsAcceptedAndSentInSeveralMessages() {
		int limit = 64 * 1024;
		String start = "{\"chatId\": 3012, \"text\": \"";
		String end = "\"}";
		String words = "word ".repeat(limit).substring(0, limit - start.length() - end.length() - 1) + "x";
		String body = start + words + end;
		assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(limit);
		Reply reply = api().send("POST", PATH, BILLING, ApiCalls.JSON, body.getBytes(StandardCharsets.UTF_8), true);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		awaitStatus(BILLING, reply.json().path("id").asString(), "delivered");
		assertThat(fake().sentTo(3012)).hasSizeGreaterThanOrEqualTo(limit / 4096)
			.allSatisfy((message) -> assertThat(message.text()).hasSizeLessThanOrEqualTo(4096));
		assertThat(String.join(" ", fake().sentTo(3012).stream().map(SentMessage::text).toList())).isEqualTo(words);
	}

	private String send(String key, long chatId, String text) {
		Reply reply = api().post(PATH, key, "{\"chatId\": " + chatId + ", \"text\": \"" + text + "\"}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
		return reply.json().path("id").asString();
	}

	private JsonNode awaitStatus(String key, String id, String status) {
		return await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> api().get(PATH + "/" + id, key).json(),
					(notification) -> status.equals(notification.path("status").asString()));
	}

}
