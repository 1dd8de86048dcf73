package io.tggateway.telegram;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.telegram.telegrambots.meta.api.objects.User;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotIdentity.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BotIdentity} against the fake Bot API.
 */
@ExtendWith(OutputCaptureExtension.class)
class BotIdentityTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final Duration RESOLVE_WAIT = Duration.ofSeconds(5);

	private final FakeTelegram fake = FakeTelegram.start();

	private final BotApiClient api = BotApiClientTests.client(this.fake.baseUrl(), Duration.ofSeconds(5));

	private final BotIdentity identity = new BotIdentity(this.api,
			new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));

	@AfterEach
	void stop() {
		this.identity.stop();
		this.api.stop();
		this.fake.close();
	}

	@Test
	void whenTelegramAnswersThenTheIdentityIsKnown() {
		this.fake.setBotUsername("gateway_bot");
		assertThat(this.identity.state()).isEqualTo(State.CONNECTING);
		this.identity.start();
		assertThat(this.identity.awaitResolved(RESOLVE_WAIT)).isEqualTo(State.KNOWN);
		assertThat(this.identity.username()).contains("gateway_bot");
		assertThat(this.identity.bot()).map(User::getId).contains(123456789L);
		assertThat(this.identity.lastError()).isEmpty();
		assertThat(this.fake.calls("getMe")).isOne();
	}

	@Test
	void whenTheTokenIsRevokedThenUnauthorizedWithOneErrorAndNoFurtherAttempts(CapturedOutput output) {
		this.fake.revokeToken();
		this.identity.start();
		assertThat(this.identity.awaitResolved(RESOLVE_WAIT)).isEqualTo(State.UNAUTHORIZED);
		assertThat(this.identity.bot()).isEmpty();
		assertThat(this.identity.lastError()).hasValueSatisfying((error) -> {
			assertThat(error).contains("401");
			assertThat(error).doesNotContain(SECRET);
		});
		// The fake counts only calls with a valid token: accept it again, so that any
		// further attempt would show (and would succeed).
		this.fake.acceptToken(FakeTelegram.TOKEN);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.fake.calls("getMe") == 0 && this.identity.state() == State.UNAUTHORIZED);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Telegram rejected the bot token")))
			.singleElement()
			.satisfies(
					(line) -> assertThat(line).contains("ERROR", "gateway.telegram.token", "GATEWAY_TELEGRAM_TOKEN"));
		assertThat(output.getAll()).doesNotContain(SECRET);
	}

	@Test
	void whenTelegramFailsThenTheIdentityIsRetriedWithBackOffUntilItAnswers(CapturedOutput output) {
		this.fake.injectFaults("getMe", 3, Fault.SERVER_ERROR_JSON);
		long start = System.nanoTime();
		this.identity.start();
		assertThat(this.identity.awaitResolved(RESOLVE_WAIT)).isEqualTo(State.KNOWN);
		// Equal jitter: at least half of 50, 100 and 200 ms.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(175));
		assertThat(this.fake.calls("getMe")).isEqualTo(4);
		assertThat(this.identity.username()).contains("fake_bot");
		assertThat(output.getAll().lines().filter((line) -> line.contains("Cannot reach Telegram"))).hasSize(1);
	}

	@Test
	void whenStoppedWhileRetryingThenTheAttemptsEnd() {
		this.fake.injectFaults("getMe", 1_000, Fault.SERVER_ERROR_JSON);
		this.identity.start();
		await().atMost(RESOLVE_WAIT).until(() -> this.fake.calls("getMe") >= 3);
		this.identity.stop();
		assertThat(this.identity.isRunning()).isFalse();
		int calls = this.fake.calls("getMe");
		// One call may have been under way when the stop began.
		await().during(Duration.ofMillis(700))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.fake.calls("getMe") <= calls + 1);
		assertThat(this.identity.state()).isEqualTo(State.CONNECTING);
	}

}
