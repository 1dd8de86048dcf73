package io.tggateway.process;

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
import io.tggateway.fake.SentMessage;
import io.tggateway.process.ChatTranscripts.Repeat;
import io.tggateway.process.NotificationApi.Delivery;
import io.tggateway.process.NotificationApi.Status;
import io.tggateway.testsupport.TestDatabase;
import io.tggateway.testsupport.TestDatabase.Schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the packaged jar on one schema and one fake Bot API: exactly one leads
 * (polls and sends), both accept notifications, and when the leader is killed
 * ({@code kill -9}) or stopped (SIGTERM) the other takes over within the lock's lifetime
 * plus one poll. Nothing is lost, each chat keeps its order, and Telegram never sees two
 * pollers at once (the fake answers overlapping polls with 409 and counts them).
 */
@ExtendWith(TestDatabase.Available.class)
class FailoverIT {

	private static final int CHATS = 20;

	private static final long FIRST_CHAT = 7_001;

	private static final int NOTIFIED_CHATS = 10;

	private static final long FIRST_NOTIFIED_CHAT = 8_001;

	private static final int REPEATS_PER_CHAT = 3;

	/**
	 * The longest a takeover may take: the lock's lifetime, one standby retry (1 s), one
	 * poll, and a margin for the new leader to start polling and answer.
	 */
	private static final Duration TAKEOVER_LIMIT = JdbcGatewayLaunch.LOCK_TTL.plus(JdbcGatewayLaunch.POLL_TIMEOUT)
		.plusSeconds(5);

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration EXIT_DEADLINE = Duration.ofSeconds(20);

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
	void whenLeaderKilledThenStandbyTakesOverWithinLockTtlAndNothingIsLost() {
		Replicas replicas = startTwoReplicas("kill");
		Notifications notifications = new Notifications();
		UpdateFeeder feeder = UpdateFeeder.start(this.fake, FIRST_CHAT, CHATS, Duration.ofMillis(50));
		try {
			notifications.post(replicas.leader(), 0);
			notifications.post(replicas.standby(), 1);
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.replies() >= 15 * CHATS);

			long killedAt = System.nanoTime();
			replicas.leader().sigkill();
			assertThat(replicas.leader().awaitExit(EXIT_DEADLINE)).as("exit of %s", replicas.leader()).isPresent();
			long exitedAt = System.nanoTime();
			Set<Integer> fetchedBeforeKill = new HashSet<>(this.fake.deliveredUpdateIds());
			// The standby serves the API while nobody leads.
			notifications.post(replicas.standby(), 2);

			replicas.standby().awaitLog(JdbcGatewayLaunch.LEADS_LINE, TAKEOVER_LIMIT);
			Duration leadsAfter = Duration.ofNanos(System.nanoTime() - killedAt);
			await().pollInterval(Duration.ofMillis(20))
				.atMost(TAKEOVER_LIMIT)
				.until(() -> this.fake.sentMessages().stream().anyMatch((sent) -> sent.receivedAtNanos() > exitedAt));
			Duration answersAfter = Duration.ofNanos(this.fake.sentMessages()
				.stream()
				.mapToLong(SentMessage::receivedAtNanos)
				.filter((at) -> at > exitedAt)
				.min()
				.orElseThrow() - killedAt);
			notifications.post(replicas.standby(), 3);
			int sentAfterTakeover = feeder.sent() + 5 * CHATS;
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.sent() >= sentAfterTakeover);
			feeder.stop();

			Map<Long, List<String>> expected = feeder.plainTextsByChat();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1));
			List<Repeat> repeats = ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 1);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, notifications.expected, 1));
			List<Repeat> repeatedNotifications = ChatTranscripts.assertAtLeastOnceInOrder(this.fake,
					notifications.expected, 1);
			List<Status> statuses = notifications.statuses(replicas.standby());
			Set<String> flagged = statuses.stream()
				.filter((status) -> status.deliveries().stream().anyMatch(Delivery::possibleDuplicate))
				.map((status) -> notifications.textsById.get(status.id()))
				.collect(Collectors.toSet());

			System.out.printf(
					"kill -9 of the leader: standby leads after %d ms, answers after %d ms (limit %d ms); "
							+ "%d updates, %d answered twice; %d notifications, %d sent twice; %d 409s%n",
					leadsAfter.toMillis(), answersAfter.toMillis(), TAKEOVER_LIMIT.toMillis(), feeder.sent(),
					repeats.size(), statuses.size(), repeatedNotifications.size(), this.fake.conflicts());
			assertThat(answersAfter).as("time until the new leader answers").isLessThan(TAKEOVER_LIMIT);
			Map<String, Integer> updateIds = feeder.updateIdsByText();
			assertThat(repeats).as("updates answered twice").hasSizeLessThanOrEqualTo(CHATS * REPEATS_PER_CHAT);
			assertThat(repeats)
				.allSatisfy((repeat) -> assertThat(updateIds.get(repeat.text())).as("update of '%s'", repeat.text())
					.isIn(fetchedBeforeKill));
			assertThat(statuses).as("notifications accepted by either replica")
				.hasSize(notifications.textsById.size())
				.allSatisfy(
						(status) -> assertThat(status.status()).as("status of %s", status.id()).isEqualTo("delivered"));
			assertThat(repeatedNotifications.stream().map(Repeat::text)).as("notifications sent twice")
				.allMatch(flagged::contains);
			assertThat(this.fake.conflicts()).as("409 answers: overlapping polls").isZero();

			replicas.standby().sigterm();
			assertThat(replicas.standby().awaitExit(EXIT_DEADLINE)).as("exit of %s", replicas.standby())
				.hasValue(SIGTERM_EXIT);
		}
		finally {
			feeder.stop();
		}
	}

	@Test
	void whenLeaderStopsGracefullyThenStandbyTakesOverAndAnswersEveryUpdateOnce() {
		Replicas replicas = startTwoReplicas("sigterm");
		UpdateFeeder feeder = UpdateFeeder.start(this.fake, FIRST_CHAT, CHATS, Duration.ofMillis(50));
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.replies() >= 15 * CHATS);

			long stoppedAt = System.nanoTime();
			replicas.leader().sigterm();
			assertThat(replicas.leader().awaitExit(EXIT_DEADLINE))
				.as("exit of %s; log:%n%s", replicas.leader(), replicas.leader().log())
				.hasValue(SIGTERM_EXIT);
			Duration exitedAfter = Duration.ofNanos(System.nanoTime() - stoppedAt);
			replicas.standby().awaitLog(JdbcGatewayLaunch.LEADS_LINE, TAKEOVER_LIMIT);
			Duration leadsAfter = Duration.ofNanos(System.nanoTime() - stoppedAt);
			int sentAfterTakeover = feeder.sent() + 5 * CHATS;
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.sent() >= sentAfterTakeover);
			feeder.stop();

			Map<Long, List<String>> expected = feeder.plainTextsByChat();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 0));
			List<Repeat> repeats = ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 0);
			System.out.printf(
					"SIGTERM of the leader: it exited after %d ms, the standby leads after %d ms; "
							+ "%d updates, %d answered twice; %d 409s%n",
					exitedAfter.toMillis(), leadsAfter.toMillis(), feeder.sent(), repeats.size(),
					this.fake.conflicts());
			assertThat(repeats).as("updates answered twice").isEmpty();
			assertThat(leadsAfter).as("time until the standby leads").isLessThan(EXIT_DEADLINE.plus(TAKEOVER_LIMIT));
			assertThat(this.fake.conflicts()).as("409 answers: overlapping polls").isZero();
		}
		finally {
			feeder.stop();
		}
	}

	@Test
	void whenLeaderLosesItsLockBrieflyThenItLeadsAgainWithoutHandlingQueuedUpdatesTwice() {
		GatewayProcess gateway = launch(
				JdbcGatewayLaunch.replica("regain", this.fake, this.schema).arg("gateway.bot.echo.delay", "250ms"));
		gateway.awaitStarted(START_TIMEOUT);
		gateway.awaitLog(JdbcGatewayLaunch.LEADS_LINE, Duration.ofSeconds(30));
		int chats = CHATS / 2;
		UpdateFeeder feeder = UpdateFeeder.start(this.fake, FIRST_CHAT, chats, Duration.ofMillis(50));
		try {
			// The users write faster than the slow echo answers: the dispatcher has a
			// backlog in every chat.
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.sent() - feeder.replies() >= 10 * chats);
			// Another client holds the lock until the leader's last renewal expires: the
			// leader's next heartbeat fails, and it wins the lock back a few seconds
			// later,
			// with most of its backlog still queued.
			TestDatabase.execute(this.schema.url(),
					"update int_lock set client_id = '00000000-0000-0000-0000-000000000000'");
			gateway.awaitLog("no longer leads", Duration.ofSeconds(15));
			await().atMost(JdbcGatewayLaunch.LOCK_TTL.plusSeconds(10))
				.until(() -> occurrences(gateway.log(), JdbcGatewayLaunch.LEADS_LINE) == 2);
			int sentAfterRegain = feeder.sent() + 2 * chats;
			await().atMost(Duration.ofSeconds(30)).until(() -> feeder.sent() >= sentAfterRegain);
			feeder.stop();

			Map<Long, List<String>> expected = feeder.plainTextsByChat();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 0));
			List<Repeat> repeats = ChatTranscripts.assertAtLeastOnceInOrder(this.fake, expected, 0);
			System.out.printf("lock lost and won back: %d updates, %d answered twice%n", feeder.sent(), repeats.size());
			assertThat(repeats).as("updates answered twice").isEmpty();
		}
		finally {
			feeder.stop();
		}
	}

	/**
	 * Starts two replicas at once and waits until exactly one leads, and stays the only
	 * one for a few heartbeats.
	 */
	private Replicas startTwoReplicas(String name) {
		GatewayProcess first = launch(name + "-a");
		GatewayProcess second = launch(name + "-b");
		first.awaitStarted(START_TIMEOUT);
		second.awaitStarted(START_TIMEOUT);
		await().atMost(Duration.ofSeconds(30)).until(() -> leading(first, second) == 1);
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> leading(first, second) == 1);
		boolean firstLeads = first.log().contains(JdbcGatewayLaunch.LEADS_LINE);
		return firstLeads ? new Replicas(first, second) : new Replicas(second, first);
	}

	private GatewayProcess launch(String name) {
		return launch(JdbcGatewayLaunch.replica(name, this.fake, this.schema));
	}

	private GatewayProcess launch(GatewayLaunch launch) {
		GatewayProcess gateway = launch.launch();
		this.processes.add(gateway);
		return gateway;
	}

	private static int occurrences(String log, String text) {
		int count = 0;
		for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
			count++;
		}
		return count;
	}

	private static int leading(GatewayProcess... replicas) {
		int leading = 0;
		for (GatewayProcess replica : replicas) {
			if (replica.log().contains(JdbcGatewayLaunch.LEADS_LINE)) {
				leading++;
			}
		}
		return leading;
	}

	/**
	 * The replicas, by role at the start.
	 *
	 * @param leader the one that leads
	 * @param standby the other one
	 */
	private record Replicas(GatewayProcess leader, GatewayProcess standby) {

	}

	/**
	 * Notifications posted to either replica, one per notified chat and round.
	 */
	private static final class Notifications {

		private final Map<Long, List<String>> expected = new LinkedHashMap<>();

		private final Map<String, String> textsById = new LinkedHashMap<>();

		void post(GatewayProcess replica, int round) {
			try (NotificationApi api = new NotificationApi(replica)) {
				for (long chat = FIRST_NOTIFIED_CHAT; chat < FIRST_NOTIFIED_CHAT + NOTIFIED_CHATS; chat++) {
					String text = "notification " + round + " to " + chat;
					this.textsById.put(api.post(chat, text), text);
					this.expected.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(text);
				}
			}
		}

		List<Status> statuses(GatewayProcess replica) {
			try (NotificationApi api = new NotificationApi(replica)) {
				return this.textsById.keySet().stream().map(api::status).toList();
			}
		}

	}

}
