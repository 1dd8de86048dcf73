package io.tggateway.ops;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import tools.jackson.databind.JsonNode;

import io.tggateway.TgGatewayApplication;
import io.tggateway.bot.TextHandler;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.ops.ManagementCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health on the management port of the whole service (memory store) against the fake Bot
 * API: the probes' groups, every indicator with its details, Telegram's 409, and the
 * {@code gateway} endpoint.
 */
@SpringBootTest(classes = { TgGatewayApplication.class, HealthTests.Holding.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.bot.echo.enabled=true", "gateway.poller.timeout=1s",
				"gateway.poller.backoff-initial=20ms", "gateway.poller.backoff-max=200ms",
				"gateway.delivery.limits.enabled=false", "gateway.ops.details-key=" + ManagementCalls.DETAILS_KEY })
@DirtiesContext
class HealthTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final String HOLD = "hold";

	private static final CountDownLatch release = new CountDownLatch(1);

	private static final FakeTelegram fake = FakeTelegram.start();

	@LocalManagementPort
	private int managementPort;

	private ManagementCalls management = new ManagementCalls(0);

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		release.countDown();
		fake.close();
	}

	@BeforeEach
	void awaitPolling() {
		this.management = new ManagementCalls(this.managementPort);
		await().atMost(WAIT)
			.until(() -> "POLLING".equals(this.management.get("/actuator/health").detail("telegram", "poller")));
	}

	@Test
	void whenAllIsWellThenLivenessHoldsOnlyTheJvmStateAndReadinessTheIdentityToo() {
		Reply liveness = this.management.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.healthStatus()).isEqualTo("UP");
		assertThat(liveness.json().path("components").propertyNames()).containsExactly("livenessState");
		Reply readiness = this.management.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().path("components").propertyNames()).containsExactlyInAnyOrder("readinessState",
				"botIdentity");
		assertThat(readiness.detail("botIdentity", "username")).isEqualTo("fake_bot");
	}

	@Test
	void whenAllIsWellThenEveryIndicatorIsUpWithItsDetails() {
		Reply health = this.management.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.healthStatus()).isEqualTo("UP");
		assertThat(health.json().path("components").propertyNames()).contains("telegram", "botIdentity", "dispatcher",
				"delivery", "store", "leadership", "livenessState", "readinessState");
		assertThat(health.detail("telegram", "poller")).isEqualTo("POLLING");
		assertThat(health.detail("telegram", "lastSuccessfulPoll")).isNotEmpty();
		assertThat(health.detail("dispatcher", "capacity")).isEqualTo("10000");
		assertThat(health.detail("dispatcher", "runningLimit")).isEqualTo("256");
		assertThat(health.detail("delivery", "queued")).isEqualTo("0");
		assertThat(health.detail("store", "type")).isEqualTo("memory");
		assertThat(health.detail("leadership", "role")).isEqualTo("leader");
		assertThat(health.body()).doesNotContain(SECRET);
	}

	@ParameterizedTest(name = "key: {0}")
	@NullSource
	@ValueSource(strings = { "wrong-key-0123456789abcdef", ManagementCalls.DETAILS_KEY + "x" })
	void whenTheCallerHasNoDetailsKeyThenHealthShowsStatusesAndComponentsOnly(@Nullable String key) {
		ManagementCalls anonymous = new ManagementCalls(this.managementPort, key);
		Reply health = anonymous.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.healthStatus()).isEqualTo("UP");
		assertThat(health.componentStatus("telegram")).isEqualTo("UP");
		assertThat(health.json().path("components").propertyNames()).contains("telegram", "botIdentity", "dispatcher",
				"delivery", "store", "leadership");
		assertThat(health.body()).doesNotContain("details", "POLLING", "fake_bot");
		Reply readiness = anonymous.get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.body()).doesNotContain("details");
		assertThat(this.management.get("/actuator/health").detail("telegram", "poller")).isEqualTo("POLLING");
	}

	@Test
	void whenTelegramAnswers409ThenTelegramShowsConflictHealthIs503AndTheProbesStayUp() {
		fake.setWebhookUrl("https://example.com/hook");
		try {
			await().atMost(WAIT)
				.until(() -> "CONFLICT".equals(this.management.get("/actuator/health").componentStatus("telegram")));
			Reply health = this.management.get("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.healthStatus()).isEqualTo("CONFLICT");
			assertThat(health.detail("telegram", "reason")).contains("409 Conflict");
			assertThat(this.management.get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(this.management.get("/actuator/health/readiness").status()).isEqualTo(200);
		}
		finally {
			fake.setWebhookUrl("");
		}
		await().atMost(WAIT).until(() -> this.management.get("/actuator/health").status() == 200);
	}

	@Test
	void whenChatsQueueUpdatesThenTheGatewayEndpointShowsTheDeepestLanesMasked() {
		long supergroup = -1009876543210L;
		for (int i = 0; i < 3; i++) {
			fake.userSendsText(supergroup, 77, HOLD);
		}
		fake.userSendsText(31337, HOLD);
		await().atMost(WAIT)
			.until(() -> this.management.get("/actuator/gateway")
				.json()
				.path("dispatcher")
				.path("running")
				.asInt() == 2);
		Reply gateway = this.management.get("/actuator/gateway");
		assertThat(gateway.status()).isEqualTo(200);
		JsonNode state = gateway.json();
		assertThat(state.path("role").asString()).isEqualTo("leader");
		assertThat(state.path("store").asString()).isEqualTo("memory");
		assertThat(state.path("bot").path("identity").asString()).isEqualTo("KNOWN");
		assertThat(state.path("bot").path("username").asString()).isEqualTo("fake_bot");
		assertThat(state.path("poller").path("state").asString()).isEqualTo("POLLING");
		assertThat(state.path("poller").path("offset").asInt()).isPositive();
		JsonNode dispatcher = state.path("dispatcher");
		assertThat(dispatcher.path("accepting").asBoolean()).isTrue();
		assertThat(dispatcher.path("queued").asInt()).isEqualTo(4);
		assertThat(dispatcher.path("capacity").asInt()).isEqualTo(10_000);
		assertThat(dispatcher.path("deepestLanes").get(0).path("chat").asString()).isEqualTo("-100…3210");
		assertThat(dispatcher.path("deepestLanes").get(0).path("depth").asInt()).isEqualTo(3);
		assertThat(dispatcher.path("deepestLanes").get(1).path("chat").asString()).isEqualTo("…1337");
		assertThat(state.path("outbox").path("queued").asInt()).isZero();
		assertThat(state.path("outbox").path("oldestQueuedAge").asString()).startsWith("PT");
		assertThat(state.path("rateLimits").path("enabled").asBoolean()).isFalse();
		assertThat(state.path("rateLimits").path("pausedFor").asString()).isEqualTo("PT0S");
		assertThat(state.path("telegramErrors").isArray()).isTrue();
		assertThat(gateway.body()).doesNotContain("9876543210").doesNotContain("31337").doesNotContain(SECRET);
		release.countDown();
	}

	@Test
	void whenTelegramFailsThenTheGatewayEndpointListsTheErrorWithoutTheToken() {
		fake.injectFaults("getUpdates", 1, Fault.SERVER_ERROR_JSON);
		await().atMost(WAIT)
			.until(() -> this.management.get("/actuator/gateway")
				.json()
				.path("telegramErrors")
				.valueStream()
				.anyMatch((error) -> "getUpdates".equals(error.path("method").asString())
						&& "Transient".equals(error.path("kind").asString())));
		JsonNode error = this.management.get("/actuator/gateway").json().path("telegramErrors").get(0);
		assertThat(error.path("at").asString()).isNotEmpty();
		assertThat(error.path("message").asString()).isNotEmpty();
		assertThat(this.management.get("/actuator/gateway").body()).doesNotContain(SECRET);
	}

	@Configuration(proxyBeanMethods = false)
	static class Holding {

		@Bean
		@Order(0)
		TextHandler holdingHandler() {
			return (Message message) -> {
				if (!HOLD.equals(message.getText())) {
					return false;
				}
				if (!release.await(WAIT.toSeconds() * 2, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never released the handler");
				}
				return true;
			};
		}

	}

}
