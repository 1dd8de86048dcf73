package io.tggateway.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.process.ChatTranscripts.Repeat;
import io.tggateway.process.NotificationApi.Delivery;
import io.tggateway.process.NotificationApi.Status;
import io.tggateway.testsupport.TestDatabase;
import io.tggateway.testsupport.TestDatabase.Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the packaged jar with the {@code jdbc} store, and a restart on the
 * same schema: mid-stream of updates (the echo handler answering 20 chats) and
 * mid-delivery of notifications (a slow Telegram, so that sends are in flight). Nothing
 * accepted is lost, each chat still gets its messages in order, and only what was under
 * way at the kill is repeated: updates the killed process had fetched and handled in its
 * last moments, and deliveries whose send was in flight, which then report
 * {@code possibleDuplicate}.
 */
@ExtendWith(TestDatabase.Available.class)
class JdbcCrashIT {

	private static final int CHATS = 20;

	private static final long FIRST_CHAT = 7_001;

	private static final int NOTIFIED_CHATS = 50;

	private static final long FIRST_NOTIFIED_CHAT = 9_001;

	private static final int NOTIFICATIONS_PER_CHAT = 4;

	/** At most this many updates of one chat may be repeated after a kill. */
	private static final int REPEATS_PER_CHAT = 3;

	/**
	 * How long before the kill an update repeated after the restart may have been
	 * answered.
	 */
	private static final Duration LAST_MOMENTS = Duration.ofSeconds(2);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/** The restarted process waits for the killed one's lock to expire. */
	private static final Duration LEAD_TIMEOUT = JdbcGatewayLaunch.LOCK_TTL.plusSeconds(20);

	private static final Duration EXIT_DEADLINE = Duration.ofSeconds(15);

	private static final int SIGTERM_EXIT = 143;

	private final List<GatewayProcess> processes = new ArrayList<>();

	private final FakeTelegram fake = FakeTelegram.start();

	private final Schema schema = TestDatabase.freshSchema();

	@AfterEach
	void stopEverything() {
		this.processes.forEach(GatewayProcess::close);
		this.fake.close();
	}

	@Test
	void whenKilledMidStreamOfUpdatesThenRestartAnswersEveryUpdateInOrderRepeatingOnlyTheLastHandled() {
		GatewayProcess first = startLeader("crash-updates-first");
		UpdateFeeder feeder = UpdateFeeder.start(this.fake, FIRST_CHAT, CHATS, Duration.ofMillis(50));
		try {
			// About a second into the stream: replies keep coming, updates keep arriving.
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.replies() >= 20 * CHATS);
			long killedAt = System.nanoTime();
			first.sigkill();
			assertThat(first.awaitExit(EXIT_DEADLINE)).as("exit of %s", first).isPresent();
			Set<Integer> fetchedBeforeKill = new HashSet<>(this.fake.deliveredUpdateIds());

			long restartedAt = System.nanoTime();
			GatewayProcess second = startLeader("crash-updates-second");
			int sentAfterRestart = feeder.sent() + 5 * CHATS;
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.sent() >= sentAfterRestart);
			feeder.stop();
			Map<Long, List<String>> expected = feeder.plainTextsByChat();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1));
			// Late repeats would arrive right after the last reply.
			awaitQuiet();
			List<Repeat> repeats = ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1);

			Map<String, Integer> updateIds = feeder.updateIdsByText();
			System.out.printf("kill -9 mid-stream: %d updates, %d answered twice (%s), %d 409s%n", feeder.sent(),
					repeats.size(), repeats.stream().map(Repeat::text).toList(), this.fake.conflicts());
			assertThat(repeats).as("updates answered twice").hasSizeLessThanOrEqualTo(CHATS * REPEATS_PER_CHAT);
			assertThat(repeats).allSatisfy((repeat) -> {
				assertThat(updateIds.get(repeat.text())).as("update of a repeated answer").isIn(fetchedBeforeKill);
				assertThat(repeat.first().receivedAtNanos()).as("first answer to '%s'", repeat.text())
					.isBetween(killedAt - LAST_MOMENTS.toNanos(), restartedAt);
				assertThat(repeat.again().receivedAtNanos()).as("repeated answer to '%s'", repeat.text())
					.isGreaterThan(restartedAt);
			});
			assertThat(this.fake.conflicts()).as("409 answers").isZero();

			second.sigterm();
			assertThat(second.awaitExit(EXIT_DEADLINE)).as("exit of %s", second).hasValue(SIGTERM_EXIT);
		}
		finally {
			feeder.stop();
		}
	}

	@Test
	void whenKilledMidDeliveryThenRestartDeliversEveryNotificationInOrderAndFlagsTheResent() {
		// Every answer takes 300 ms: the senders are all busy with sends in flight.
		this.fake.setLatency(Duration.ofMillis(300));
		GatewayProcess first = startLeader("crash-delivery-first");
		Map<Long, List<String>> expected = new LinkedHashMap<>();
		Map<String, String> textsById = new LinkedHashMap<>();
		try (NotificationApi api = new NotificationApi(first)) {
			for (int n = 0; n < NOTIFICATIONS_PER_CHAT; n++) {
				for (long chat = FIRST_NOTIFIED_CHAT; chat < FIRST_NOTIFIED_CHAT + NOTIFIED_CHATS; chat++) {
					String text = "notification " + n + " to " + chat;
					textsById.put(api.post(chat, text), text);
					expected.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(text);
				}
			}
		}
		int total = NOTIFICATIONS_PER_CHAT * NOTIFIED_CHATS;
		await().atMost(Duration.ofSeconds(30)).until(() -> this.fake.sentMessages().size() >= total / 3);
		first.sigkill();
		assertThat(first.awaitExit(EXIT_DEADLINE)).as("exit of %s", first).isPresent();
		Set<String> inFlight = sendingDeliveries();
		int sentBeforeRestart = this.fake.sentMessages().size();

		long restartedAt = System.nanoTime();
		GatewayProcess second = startLeader("crash-delivery-second");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1));
		Duration restored = Duration.ofNanos(System.nanoTime() - restartedAt);
		awaitQuiet();
		List<Repeat> repeats = ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1);

		List<Status> statuses;
		try (NotificationApi api = new NotificationApi(second)) {
			statuses = textsById.keySet().stream().map(api::status).toList();
		}
		Set<String> flagged = statuses.stream()
			.filter((status) -> status.deliveries().stream().anyMatch(Delivery::possibleDuplicate))
			.map(Status::id)
			.collect(Collectors.toSet());
		Set<String> repeated = repeats.stream().map(Repeat::text).collect(Collectors.toSet());
		System.out.printf(
				"kill -9 mid-delivery: %d notifications, %d sent before the kill, %d in flight, %d sent twice, "
						+ "%d flagged possibleDuplicate, all delivered %s after the restart%n",
				total, sentBeforeRestart, inFlight.size(), repeats.size(), flagged.size(), restored);
		assertThat(statuses).as("notifications").hasSize(total).allSatisfy((status) -> {
			assertThat(status.status()).as("status of %s", status.id()).isEqualTo("delivered");
			assertThat(status.deliveries()).singleElement()
				.satisfies((delivery) -> assertThat(delivery.status()).isEqualTo("delivered"));
		});
		assertThat(inFlight).as("deliveries in flight at the kill")
			.isNotEmpty()
			.hasSizeLessThanOrEqualTo(JdbcGatewayLaunch.SENDERS);
		assertThat(flagged).as("deliveries flagged as possible duplicates").isEqualTo(inFlight);
		assertThat(repeated).as("notifications sent twice")
			.isSubsetOf(flagged.stream().map(textsById::get).collect(Collectors.toSet()));
		assertThat(repeats)
			.allSatisfy((repeat) -> assertThat(repeat.again().receivedAtNanos()).isGreaterThan(restartedAt));
		assertThat(this.fake.conflicts()).as("409 answers").isZero();
	}

	private GatewayProcess startLeader(String name) {
		GatewayProcess gateway = JdbcGatewayLaunch.replica(name, this.fake, this.schema).launch();
		this.processes.add(gateway);
		gateway.awaitStarted(START_TIMEOUT);
		gateway.awaitLog(JdbcGatewayLaunch.LEADS_LINE, LEAD_TIMEOUT);
		return gateway;
	}

	/**
	 * Waits until the bot has sent nothing for half a second.
	 */
	private void awaitQuiet() {
		int[] last = { -1 };
		await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(() -> {
			int now = this.fake.sentMessages().size();
			boolean quiet = now == last[0];
			last[0] = now;
			return quiet;
		});
	}

	/**
	 * The notifications whose delivery the database shows as being sent.
	 */
	private Set<String> sendingDeliveries() {
		Set<String> ids = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(this.schema.url());
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select notification_id from delivery where status = 'sending'")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the deliveries", ex);
		}
		return ids;
	}

}
