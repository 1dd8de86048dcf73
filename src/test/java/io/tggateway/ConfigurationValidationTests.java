package io.tggateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.tggateway.fake.FakeTelegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every malformed setting stops startup with a message that names the setting, before the
 * service touches Telegram.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NONE",
			textBlock = """
					gateway.telegram.token=                           | gateway.telegram.token | GATEWAY_TELEGRAM_TOKEN
					gateway.telegram.token=not-a-token-at-all         | gateway.telegram.token | GATEWAY_TELEGRAM_TOKEN
					gateway.telegram.api-url=ftp://api.telegram.org   | gateway.telegram.api-url | http or https
					gateway.telegram.api-url=https://example.org/bot  | gateway.telegram.api-url | no path
					gateway.telegram.max-connections=0                | gateway.telegram.max-connections | NONE
					gateway.poller.timeout=60s                        | gateway.poller.timeout | NONE
					gateway.poller.limit=101                          | gateway.poller.limit | NONE
					gateway.poller.allowed-updates=message,mesage     | gateway.poller.allowed-updates | unknown update type
					gateway.poller.backoff-max=10ms                   | gateway.poller.backoff-max | backoff-initial
					gateway.dispatch.max-running-handlers=0           | gateway.dispatch.max-running-handlers | NONE
					gateway.dispatch.max-queued-per-chat=20000        | gateway.dispatch.max-queued-per-chat | max-queued-updates
					gateway.dispatch.handler-timeout=0s               | gateway.dispatch.handler-timeout | NONE
					gateway.bot.echo.delay=-1s                        | gateway.bot.echo.delay | NONE
					gateway.shutdown.drain-timeout=40s                | gateway.shutdown.drain-timeout | timeout-per-shutdown-phase
					gateway.shutdown.drain-timeout=abc                | gateway.shutdown.drain-timeout | NONE
					gateway.ops.details-key=too-short                 | gateway.ops.details-key | openssl rand
					gateway.ops.details-key=sixteen chars but spaces  | gateway.ops.details-key | openssl rand
					""")
	void whenASettingIsInvalidThenStartupFailsNamingIt(String setting, String property, String hint,
			CapturedOutput output) {
		List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
				"--gateway.telegram.api-url=http://127.0.0.1:9", "--gateway.telegram.token=" + FakeTelegram.TOKEN));
		args.add("--" + setting);
		SpringApplication application = new SpringApplication(TgGatewayApplication.class);
		assertThatException().isThrownBy(() -> application.run(args.toArray(String[]::new)).close());
		assertThat(output.getAll()).contains(property);
		if (hint != null) {
			assertThat(output.getAll()).contains(hint);
		}
		assertThat(output.getAll()).doesNotContain("not-a-token-at-all")
			.doesNotContain(FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1));
	}

}
