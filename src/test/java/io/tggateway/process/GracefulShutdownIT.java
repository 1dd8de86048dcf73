package io.tggateway.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar as a child process against the fake Bot API: SIGTERM and SIGINT end it
 * gracefully (poller stopped, dispatcher drained, no error, an exit on its own within a
 * deadline), a restart picks up exactly where the stopped process left off, and a missing
 * or malformed token stops startup with a message that names the setting but never the
 * token.
 */
class GracefulShutdownIT {

	private static final int CHATS = 20;

	private static final long FIRST_CHAT = 7_001;

	/** How long a stop may take: drain, final offset confirm, client close, JVM exit. */
	private static final Duration EXIT_DEADLINE = Duration.ofSeconds(15);

	/** JVM exit codes after the shutdown hooks ran on a signal (128 + signal number). */
	private static final int SIGTERM_EXIT = 143;

	private static final int SIGINT_EXIT = 130;

	private static final Pattern ERROR_LINE = Pattern.compile("^\\S+\\s+ERROR\\s", Pattern.MULTILINE);

	private static final String MALFORMED_SECRET = "ThisSecretIsTooShrt";

	private static final String MALFORMED_TOKEN = "987654321:" + MALFORMED_SECRET;

	private final List<GatewayProcess> processes = new ArrayList<>();

	private final FakeTelegram fake = FakeTelegram.start();

	@AfterEach
	void stopEverything() {
		this.processes.forEach(GatewayProcess::close);
		this.fake.close();
	}

	@Test
	void whenSigtermMidStreamThenExitsGracefullyAndRestartAnswersEveryUpdateOnceInOrder() {
		GatewayProcess first = startEcho("sigterm-first");
		UpdateFeeder feeder = UpdateFeeder.start(this.fake, FIRST_CHAT, CHATS, Duration.ofMillis(50));
		try {
			// About a second into the stream: replies keep coming, updates keep arriving.
			await().atMost(Duration.ofSeconds(30)).until(() -> this.fake.sentMessages().size() >= 20 * CHATS);

			long stopping = System.nanoTime();
			first.sigterm();
			OptionalInt exitCode = first.awaitExit(EXIT_DEADLINE);
			Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

			assertThat(exitCode).as("exit code of %s; log:%n%s", first, first.log()).hasValue(SIGTERM_EXIT);
			assertThat(stopTook).isLessThan(EXIT_DEADLINE);
			assertGracefulShutdown(first.log());

			int sentWhileDown = feeder.sent() + 3 * CHATS;
			await().atMost(Duration.ofSeconds(10)).until(() -> feeder.sent() >= sentWhileDown);
			GatewayProcess second = startEcho("sigterm-second");
			int sentAfterRestart = feeder.sent() + 5 * CHATS;
			await().atMost(Duration.ofSeconds(20)).until(() -> feeder.sent() >= sentAfterRestart);
			feeder.stop();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertEveryUpdateAnsweredOnceInOrder(feeder.plainTextsByChat()));
			// Late duplicates would arrive right after the last reply.
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.fake.sentMessages().size() == feeder.sent());

			second.sigterm();
			assertThat(second.awaitExit(EXIT_DEADLINE)).as("exit code of %s", second).hasValue(SIGTERM_EXIT);
			assertGracefulShutdown(second.log());
		}
		finally {
			feeder.stop();
		}
	}

	@Test
	void whenSigintWhileHandlingThenExitsGracefullyAndAnswersEveryConfirmedUpdate() {
		GatewayProcess gateway = startEcho("sigint");
		List<UserText> sent = new ArrayList<>();
		for (int seq = 0; seq < 10; seq++) {
			for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
				String text = "chat " + chat + " #" + seq;
				sent.add(new UserText(this.fake.userSendsText(chat, text), chat, text));
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.fake.sentMessages().size() >= CHATS);

		gateway.sigint();
		OptionalInt exitCode = gateway.awaitExit(EXIT_DEADLINE);

		assertThat(exitCode).as("exit code of %s; log:%n%s", gateway, gateway.log()).hasValue(SIGINT_EXIT);
		assertGracefulShutdown(gateway.log());
		// A graceful stop confirms exactly the updates it handled: each got its reply.
		int confirmedUpTo = this.fake.confirmedUpTo();
		Map<Long, List<String>> expected = new TreeMap<>();
		for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
			long inChat = chat;
			expected.put(chat,
					sent.stream()
						.filter((text) -> text.chat() == inChat && text.updateId() < confirmedUpTo)
						.map(UserText::text)
						.toList());
		}
		assertThat(sent).as("updates confirmed before the stop").anyMatch((text) -> text.updateId() < confirmedUpTo);
		assertEveryUpdateAnsweredOnceInOrder(expected);
	}

	@Test
	void whenTokenMissingThenStartupFailsNamingTheSetting() {
		GatewayProcess absent = failingStart("token-absent", GatewayProcess.builder("token-absent"));
		GatewayProcess empty = failingStart("token-empty",
				GatewayProcess.builder("token-empty").arg("gateway.telegram.token", ""));

		assertThat(absent.log()).contains("gateway.telegram.token").contains("GATEWAY_TELEGRAM_TOKEN");
		assertThat(empty.log()).contains("gateway.telegram.token").contains("GATEWAY_TELEGRAM_TOKEN");
	}

	@Test
	void whenTokenMalformedThenStartupFailsWithoutShowingIt() {
		GatewayProcess malformed = failingStart("token-malformed",
				GatewayProcess.builder("token-malformed").arg("gateway.telegram.token", MALFORMED_TOKEN));

		assertThat(malformed.log()).contains("gateway.telegram.token")
			.contains("GATEWAY_TELEGRAM_TOKEN")
			.doesNotContain(MALFORMED_SECRET);
	}

	private GatewayProcess startEcho(String name) {
		GatewayProcess gateway = GatewayProcess.builder(name)
			.jvmArg("-Xmx512m")
			.arg("gateway.telegram.token", FakeTelegram.TOKEN)
			.arg("gateway.telegram.api-url", this.fake.baseUrl())
			.arg("gateway.bot.echo.enabled", true)
			.arg("gateway.bot.echo.delay", "20ms")
			.arg("gateway.poller.timeout", "5s")
			.arg("gateway.delivery.limits.enabled", false)
			// Refused updates and failed polls are logged at DEBUG.
			.arg("logging.level.io.tggateway.poller", "DEBUG")
			.launch();
		this.processes.add(gateway);
		gateway.awaitStarted(Duration.ofSeconds(60));
		return gateway;
	}

	private GatewayProcess failingStart(String name, GatewayLaunch builder) {
		// Nothing listens on port 9 of loopback: a process that got past validation
		// would not reach any Telegram.
		GatewayProcess gateway = builder.jvmArg("-Xmx256m")
			.arg("gateway.telegram.api-url", "http://127.0.0.1:9")
			.launch();
		this.processes.add(gateway);
		long started = System.nanoTime();
		OptionalInt exitCode = gateway.awaitExit(Duration.ofSeconds(30));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(exitCode).as("exit code of %s (%s); log:%n%s", name, gateway, gateway.log())
			.isPresent()
			.isNotEqualTo(OptionalInt.of(0));
		assertThat(took).isLessThan(Duration.ofSeconds(20));
		assertThat(gateway.log()).doesNotContain(GatewayProcess.STARTED_LINE);
		return gateway;
	}

	private void assertEveryUpdateAnsweredOnceInOrder(Map<Long, List<String>> sentByChat) {
		SoftAssertions softly = new SoftAssertions();
		sentByChat.forEach((chat, texts) -> {
			List<String> replies = this.fake.sentTo(chat).stream().map(SentMessage::text).toList();
			softly.assertThat(replies).as("replies in chat %d", chat).containsExactlyElementsOf(texts);
		});
		softly.assertAll();
	}

	private static void assertGracefulShutdown(String log) {
		assertThat(log).contains("Poller stopped at offset").contains("Dispatcher drained in");
		assertThat(log.indexOf("Poller stopped at offset")).as("poller stopped before the dispatcher drained")
			.isLessThan(log.indexOf("Dispatcher drained in"));
		assertThat(log).doesNotContainPattern(ERROR_LINE)
			.doesNotContain("Drain deadline")
			.doesNotContain("Refused update")
			.doesNotContain("did not end within")
			.doesNotContain("Exception in thread");
	}

	/**
	 * A message a user sent, and the update it became.
	 *
	 * @param updateId the update's id
	 * @param chat the chat
	 * @param text the text
	 */
	private record UserText(int updateId, long chat, String text) {

	}

}
