package io.tggateway.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tggateway.fake.FakeTelegram;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelegramProperties} and {@link BotToken} validation, with a real Bean
 * Validation provider as Spring Boot uses it at startup.
 */
class TelegramPropertiesTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();

	private final Validator validator = FACTORY.getValidator();

	@AfterAll
	static void closeValidator() {
		FACTORY.close();
	}

	@Test
	void whenValidThenAccepted() {
		assertThat(violations(FakeTelegram.TOKEN, "https://api.telegram.org")).isEmpty();
		assertThat(violations(FakeTelegram.TOKEN, "http://127.0.0.1:8081")).isEmpty();
		assertThat(violations(FakeTelegram.TOKEN, "http://127.0.0.1:8081/")).isEmpty();
	}

	@Test
	void whenTheTokenIsMissingThenTheMessageNamesThePropertyAndTheEnvironmentVariable() {
		assertThat(violations(null, "https://api.telegram.org")).singleElement().satisfies((violation) -> {
			assertThat(violation.getPropertyPath()).hasToString("token");
			assertThat(violation.getMessage()).contains("gateway.telegram.token", "GATEWAY_TELEGRAM_TOKEN");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not-a-token", "123456789", "123456789:short",
			"abc:AAFakeTokenForTestsOnly-abcdefghijk", "123456789:AAFake Token For Tests Only" })
	void whenTheTokenIsMalformedThenTheMessageSaysWhatToSet(String token) {
		assertThat(violations(token, "https://api.telegram.org")).singleElement().satisfies((violation) -> {
			assertThat(violation.getPropertyPath()).hasToString("token.wellFormed");
			assertThat(violation.getMessage()).contains("gateway.telegram.token", "GATEWAY_TELEGRAM_TOKEN",
					"<bot id>:<secret>");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.telegram.org/bot", "https://api.telegram.org?proxy=1",
			"https://api.telegram.org#top", "ftp://api.telegram.org", "https://user:pass@api.telegram.org",
			"api.telegram.org", "/relative" })
	void whenTheApiUrlIsNotABareHttpUrlThenRejected(String apiUrl) {
		assertThat(violations(FakeTelegram.TOKEN, apiUrl)).singleElement().satisfies((violation) -> {
			assertThat(violation.getPropertyPath()).hasToString("apiUrlUsable");
			assertThat(violation.getMessage()).contains("gateway.telegram.api-url");
		});
	}

	@Test
	void whenTimeoutsOrConnectionsAreOutOfRangeThenRejected() {
		TelegramProperties properties = new TelegramProperties(new BotToken(FakeTelegram.TOKEN),
				URI.create("https://api.telegram.org"), Duration.ofMillis(10), Duration.ZERO, 0);
		assertThat(this.validator.validate(properties))
			.extracting((violation) -> violation.getPropertyPath().toString())
			.containsExactlyInAnyOrder("connectTimeout", "requestTimeout", "maxConnections");
	}

	@Test
	void whenAViolationIsReportedThenTheTokenIsNotShown() {
		TelegramProperties properties = new TelegramProperties(new BotToken(FakeTelegram.TOKEN),
				URI.create("ftp://api.telegram.org"), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);
		assertThat(this.validator.validate(properties)).singleElement().satisfies((violation) -> {
			assertThat(violation.toString()).doesNotContain(SECRET);
			assertThat(String.valueOf(violation.getLeafBean())).doesNotContain(SECRET);
			assertThat(String.valueOf(violation.getRootBean())).doesNotContain(SECRET);
		});
	}

	@SuppressWarnings("NullAway")
	private Set<ConstraintViolation<TelegramProperties>> violations(@Nullable String token, String apiUrl) {
		TelegramProperties properties = new TelegramProperties((token != null) ? new BotToken(token) : null,
				URI.create(apiUrl), Duration.ofSeconds(10), Duration.ofSeconds(30), 256);
		return this.validator.validate(properties);
	}

}
