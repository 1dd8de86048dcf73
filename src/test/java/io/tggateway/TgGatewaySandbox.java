package io.tggateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import io.tggateway.fake.FakeTelegram;

/**
 * The local sandbox, started by {@code ./mvnw spring-boot:test-run}: the service with the
 * echo handler on, against the fake Bot API on loopback. No token, no network. The fake
 * listens on port 8088 (environment variable {@code SANDBOX_FAKE_PORT} to change it).
 */
public final class TgGatewaySandbox {

	private static final Logger logger = LoggerFactory.getLogger(TgGatewaySandbox.class);

	/**
	 * The sandbox's {@code gateway.ops.details-key}: health details are for operators.
	 */
	private static final String DETAILS_KEY = "sandbox-ops-key-0123456789";

	private TgGatewaySandbox() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(System.getenv().getOrDefault("SANDBOX_FAKE_PORT", "8088"));
		FakeTelegram fake = FakeTelegram.start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-telegram-shutdown"));
		SpringApplication application = new SpringApplication(TgGatewayApplication.class);
		application.addListeners((ApplicationListener<ApplicationReadyEvent>) (event) -> printHowTo(fake));
		String[] sandboxArgs = { "--gateway.telegram.token=" + FakeTelegram.TOKEN,
				"--gateway.telegram.api-url=" + fake.baseUrl(), "--gateway.bot.echo.enabled=true",
				"--gateway.ops.details-key=" + DETAILS_KEY };
		application.run(concat(sandboxArgs, args));
	}

	private static void printHowTo(FakeTelegram fake) {
		String base = fake.baseUrl();
		logger.info("""

				Sandbox ready: tg-gateway runs against a fake Telegram Bot API at {} with the echo handler on.
				Be user 42 and write to the bot:
				    curl -s -d 'hello bot' {}/fake/users/42/messages
				See what the bot answered to chat 42:
				    curl -s {}/fake/chats/42/messages
				The fake's counters (pending updates, confirmed offset, sends, 409s, 429s):
				    curl -s {}/fake/state
				Health with details: curl -s localhost:8081/actuator/health -H 'Authorization: Bearer {}'
				Stop: Ctrl+C (a graceful shutdown)
				""", base, base, base, base, DETAILS_KEY);
	}

	private static String[] concat(String[] first, String[] second) {
		String[] all = new String[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
