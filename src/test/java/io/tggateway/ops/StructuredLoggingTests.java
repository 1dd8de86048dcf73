package io.tggateway.ops;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.tggateway.bot.TextHandler;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.poller.PollerState;
import io.tggateway.poller.UpdatePoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Structured JSON logs ({@code logging.structured.format.console=ecs}, as
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} switches them on): every line is JSON, a
 * handler's lines carry its {@code update_id}, and no line carries the token.
 * <p>
 * Spring Boot keeps the format in a system property and Logback's configuration is
 * JVM-wide, so the test starts the service itself and puts plain logging back when it
 * ends: the test classes after it expect plain lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final String FAIL = "make the handler fail";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final FakeTelegram fake = FakeTelegram.start();

	@AfterEach
	void restorePlainLogs() {
		this.fake.close();
		System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.cleanUp();
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
	}

	@Test
	void whenLogsAreJsonThenHandlerLinesCarryTheUpdateIdAndNoLineCarriesTheToken(CapturedOutput output) {
		try (RunningGateway gateway = RunningGateway.start(this.fake, List.of(Failing.class),
				"--logging.structured.format.console=ecs", "--gateway.bot.echo.enabled=true",
				"--gateway.poller.backoff-initial=20ms", "--gateway.poller.backoff-max=100ms",
				"--logging.level.io.tggateway=DEBUG", "--logging.level.okhttp3=DEBUG",
				"--logging.level.org.telegram=DEBUG")) {
			UpdatePoller poller = gateway.context().getBean(UpdatePoller.class);
			await().atMost(WAIT).until(() -> poller.status().state() == PollerState.POLLING);
			int failing = this.fake.userSendsText(5001, FAIL);
			await().atMost(WAIT).until(() -> lines(output).stream().anyMatch(this::isHandlerFailure));
			JsonNode failure = lines(output).stream().filter(this::isHandlerFailure).findFirst().orElseThrow();
			assertThat(failure.path("update_id").asString()).isEqualTo(String.valueOf(failing));
			assertThat(failure.path("log").path("level").asString()).isEqualTo("WARN");

			this.fake.injectFaults("getUpdates", 2, Fault.SERVER_ERROR_JSON);
			this.fake.injectFaults("getUpdates", 1, Fault.DROP_CONNECTION);
			this.fake.injectFaults("sendMessage", 1, Fault.BAD_GATEWAY_HTML);
			this.fake.userSendsText(5002, "an echo");
			await().atMost(WAIT).until(() -> this.fake.sentTo(5002).size() == 1);
			this.fake.revokeToken();
			this.fake.userSendsText(5002, "after the token was revoked");
			await().atMost(WAIT).until(() -> poller.status().state() == PollerState.UNAUTHORIZED);
		}
		assertThat(output.getOut()).contains("Telegram rejected the bot token").doesNotContain(SECRET);
		assertThat(output.getAll()).doesNotContain(SECRET);
		List<String> printed = output.getOut()
			.lines()
			.filter((line) -> !line.isBlank())
			.dropWhile((line) -> !line.startsWith("{"))
			.toList();
		assertThat(printed).isNotEmpty().allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
	}

	private boolean isHandlerFailure(JsonNode line) {
		return line.path("message").asString().startsWith("Handler failed on update");
	}

	private static List<JsonNode> lines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.startsWith("{")).map((line) -> {
			try {
				return json.readTree(line);
			}
			catch (JacksonException ex) {
				return null;
			}
		}).filter(Objects::nonNull).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class Failing {

		@Bean
		@Order(0)
		TextHandler failingHandler() {
			return (Message message) -> {
				if (FAIL.equals(message.getText())) {
					throw new IllegalStateException("failing on purpose");
				}
				return false;
			};
		}

	}

}
