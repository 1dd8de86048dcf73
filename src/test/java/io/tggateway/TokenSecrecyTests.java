package io.tggateway;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.poller.PollerState;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.telegram.TelegramProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bot token is part of every Bot API URL; a run full of failures, logged at DEBUG,
 * must not reveal it anywhere.
 */
@SpringBootTest(properties = { "gateway.bot.echo.enabled=true", "gateway.poller.timeout=1s",
		"gateway.poller.backoff-initial=20ms", "gateway.poller.backoff-max=100ms", "logging.level.io.tggateway=DEBUG",
		"logging.level.okhttp3=DEBUG", "logging.level.org.telegram=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class TokenSecrecyTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final FakeTelegram fake = FakeTelegram.start();

	@Autowired
	private UpdatePoller poller;

	@Autowired
	private TelegramProperties properties;

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	@Test
	void whenTelegramFailsInEveryWayThenNoLogLineContainsTheToken(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.poller.status().state() == PollerState.POLLING);
		fake.injectFaults("getUpdates", 2, Fault.SERVER_ERROR_JSON);
		fake.injectFaults("getUpdates", 2, Fault.BAD_GATEWAY_HTML);
		fake.injectFaults("getUpdates", 2, Fault.DROP_CONNECTION);
		fake.injectFaults("getUpdates", 1, Fault.TOO_MANY_REQUESTS);
		fake.injectFaults("sendMessage", 1, Fault.DROP_CONNECTION);
		fake.injectFaults("sendMessage", 1, Fault.BAD_GATEWAY_HTML);
		fake.blockChat(3003);
		fake.userSendsText(3001, "first");
		fake.userSendsText(3003, "to a chat that blocked the bot");
		await().atMost(Duration.ofSeconds(20)).until(() -> fake.sentTo(3001).size() == 1);
		fake.revokeToken();
		fake.userSendsText(3001, "after the token was revoked");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.poller.status().state() == PollerState.UNAUTHORIZED);
		assertThat(output.getAll()).contains("Telegram rejected the bot token")
			.contains("gateway.telegram.token")
			.doesNotContain(SECRET);
		assertThat(this.properties.toString()).doesNotContain(SECRET);
		assertThat(this.poller.status().toString()).doesNotContain(SECRET);
	}

}
