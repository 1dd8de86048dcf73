package io.tggateway.notify;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.fake.SentMessage;
import io.tggateway.notify.ApiCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refusals that say when to retry: a client over its request quota (without touching
 * other clients), a full outbox, and deep links while Telegram has not said who the bot
 * is. The fake refuses {@code getMe} for the whole class, so the bot's username stays
 * unknown.
 * <p>
 * Runs against both stores ({@link TemporaryRefusalMemoryTests},
 * {@link TemporaryRefusalJdbcTests}): the outbox's capacity is the store's count.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.api.keys.billing=" + TemporaryRefusalTests.BILLING,
				"gateway.api.keys.shop=" + TemporaryRefusalTests.SHOP,
				"gateway.api.keys.crm=" + TemporaryRefusalTests.CRM, "gateway.api.requests-per-second=5",
				"gateway.delivery.outbox-capacity=1" })
@DirtiesContext
abstract class TemporaryRefusalTests {

	static final String BILLING = "billing-key-0123456789abcdef";

	static final String SHOP = "shop-key-0123456789abcdef";

	static final String CRM = "crm-key-0123456789abcdef";

	@LocalServerPort
	private int port;

	/**
	 * The fake Bot API of this test class's service.
	 * @return the fake
	 */
	abstract FakeTelegram fake();

	/**
	 * Starts a fake Bot API that refuses {@code getMe}.
	 * @return the fake
	 */
	static FakeTelegram withoutIdentity() {
		FakeTelegram fake = FakeTelegram.start();
		fake.injectFaults("getMe", 1_000_000, Fault.SERVER_ERROR_JSON);
		return fake;
	}

	@Test
	void whenAClientExceedsItsQuotaThenItGetsTooManyRequestsWithRetryAfterAndOthersDoNot() {
		ApiCalls api = new ApiCalls(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(api.get("/api/v1/topics", BILLING).status()).isEqualTo(200);
		}
		// The bucket refills one request per 200 ms, so a refusal comes within a few
		// more.
		List<Reply> more = IntStream.range(0, 20).mapToObj((i) -> api.get("/api/v1/topics", BILLING)).toList();
		assertThat(more).extracting(Reply::status).contains(429).allMatch((status) -> status == 200 || status == 429);
		Reply refused = more.stream().filter((reply) -> reply.status() == 429).findFirst().orElseThrow();
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:quota-exceeded");
		assertThat(refused.json().path("detail").asString()).contains("gateway.api.requests-per-second");
		assertThat(refused.header("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(1));
		assertThat(api.get("/api/v1/topics", SHOP).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/topics", "not-a-client-key-000").status()).isEqualTo(401);
	}

	@Test
	void whenTheOutboxIsFullThenNotificationsAreRefusedWithRetryAfterUntilItEmpties() {
		ApiCalls api = new ApiCalls(this.port);
		fake().setLatency(Duration.ofSeconds(2));
		try {
			Reply first = api.post("/api/v1/notifications", SHOP, "{\"chatId\": 8001, \"text\": \"first\"}");
			assertThat(first.status()).as(first.toString()).isEqualTo(202);
			Reply full = api.post("/api/v1/notifications", SHOP, "{\"chatId\": 8002, \"text\": \"second\"}");
			assertThat(full.status()).as(full.toString()).isEqualTo(503);
			assertThat(full.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:outbox-full");
			assertThat(full.header("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isGreaterThanOrEqualTo(1));
		}
		finally {
			fake().setLatency(Duration.ZERO);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> fake().sentTo(8001).size() == 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.post("/api/v1/notifications", SHOP, "{\"chatId\": 8002, \"text\": \"second\"}")
				.status() == 202);
		await().atMost(Duration.ofSeconds(10)).until(() -> !fake().sentTo(8002).isEmpty());
		assertThat(fake().sentTo(8002)).extracting(SentMessage::text).containsExactly("second");
	}

	@Test
	void whenTheBotsUsernameIsNotKnownYetThenLinksAreUnavailableForAFewSeconds() {
		Reply reply = new ApiCalls(this.port).post("/api/v1/links", CRM, "{\"subject\": \"user-42\"}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
		assertThat(reply.header("Retry-After")).contains("5");
		assertThat(reply.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:bot-not-ready");
		assertThat(reply.json().path("detail").asString()).contains("getMe");
	}

}
