package io.tggateway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one schema in one JVM: when the leader shuts down gracefully while its
 * handlers still work through a backlog in every chat, the standby takes over only after
 * the leader has finished them and recorded them as handled. Every message is answered
 * exactly once, in order, although the standby tries for the lock every 100 ms.
 */
@ExtendWith(TestDatabase.Available.class)
class GracefulHandOverTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final int CHATS = 8;

	private static final int MESSAGES = 15;

	private static final long FIRST_CHAT = 9_101;

	private final FakeTelegram fake = FakeTelegram.start();

	private final TestDatabase.Schema schema = TestDatabase.freshSchema();

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void closeAll() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		this.fake.close();
	}

	@Test
	void whenTheLeaderShutsDownWithABacklogThenTheStandbyAnswersNothingTwice() {
		ConfigurableApplicationContext leader = start();
		await().atMost(WAIT).until(() -> leader.getBean(Leadership.class).isLeader());
		ConfigurableApplicationContext standby = start();
		assertThat(standby.getBean(Leadership.class).isLeader()).isFalse();

		Map<Long, List<String>> sent = new LinkedHashMap<>();
		for (int message = 0; message < MESSAGES; message++) {
			for (long chat = FIRST_CHAT; chat < FIRST_CHAT + CHATS; chat++) {
				String text = "chat " + chat + " message " + message;
				this.fake.userSendsText(chat, text);
				sent.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(text);
			}
		}
		// The slow echo answers one message per chat every 100 ms: the leader has taken
		// everything in and still works through most of it.
		await().atMost(WAIT).until(() -> this.fake.pendingUpdates() == 0 && this.fake.sentMessages().size() >= CHATS);
		assertThat(this.fake.sentMessages()).as("answered before the shutdown").hasSizeLessThan(CHATS * MESSAGES / 2);

		leader.close();
		await().atMost(WAIT).until(() -> standby.getBean(Leadership.class).isLeader());
		JdbcClient jdbc = standby.getBean(JdbcClient.class);
		await().atMost(WAIT)
			.until(() -> this.fake.sentMessages().size() >= CHATS * MESSAGES
					&& jdbc.sql("select count(*) from update_inbox where handled_at is null")
						.query(Long.class)
						.single() == 0);

		sent.forEach((chat, texts) -> assertThat(this.fake.sentTo(chat)).map(SentMessage::text)
			.as("answers in chat %d", chat)
			.containsExactlyElementsOf(texts));
		assertThat(this.fake.conflicts()).as("409 answers: overlapping polls").isZero();
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = InProcessReplica.start(this.fake, this.schema, this.schema.url(),
				"--gateway.poller.timeout=1s", "--gateway.cluster.retry=100ms", "--gateway.bot.echo.delay=100ms");
		this.replicas.add(context);
		return context;
	}

}
