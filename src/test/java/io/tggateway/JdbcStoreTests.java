package io.tggateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.cluster.Leadership;
import io.tggateway.delivery.AcceptResult;
import io.tggateway.delivery.NewNotification;
import io.tggateway.delivery.NotificationOutbox;
import io.tggateway.delivery.NotificationStatus;
import io.tggateway.delivery.OutgoingMessage;
import io.tggateway.delivery.Recipient;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on the {@code jdbc} store (PostgreSQL): the replica takes the
 * leadership, polls into the durable inbox, and delivers from the durable outbox.
 */
@ExtendWith(TestDatabase.Available.class)
@SpringBootTest(properties = { "gateway.bot.echo.enabled=true", "gateway.poller.timeout=2s",
		"gateway.delivery.limits.enabled=false" })
@DirtiesContext
class JdbcStoreTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final FakeTelegram fake = FakeTelegram.start();

	@Autowired
	private Leadership leadership;

	@Autowired
	private NotificationOutbox outbox;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	@Test
	void whenTheReplicaLeadsThenUpdatesAreStoredHandledAndMarked() {
		await().atMost(WAIT).until(this.leadership::isLeader);
		int id = fake.userSendsText(501, "durable hello");
		await().atMost(WAIT).until(() -> fake.sentTo(501).size() == 1);
		assertThat(fake.sentTo(501).getFirst().text()).isEqualTo("durable hello");
		await().atMost(WAIT)
			.until(() -> "handled".equals(this.jdbc.sql("select outcome from update_inbox where update_id = ?")
				.params(id)
				.query(String.class)
				.optional()
				.orElse(null)));
	}

	@Test
	void whenANotificationIsAcceptedThenItIsStoredAndDelivered() {
		AcceptResult result = this.outbox.accept(
				new NewNotification("billing", new Recipient.Chat(502), OutgoingMessage.plain("invoice ready"), "k1"));
		assertThat(result).isInstanceOf(AcceptResult.Accepted.class);
		AcceptResult.Accepted accepted = (AcceptResult.Accepted) result;
		await().atMost(WAIT).until(() -> fake.sentTo(502).size() == 1);
		await().atMost(WAIT)
			.until(() -> this.outbox.find("billing", accepted.notification().id())
				.map((view) -> view.status() == NotificationStatus.DELIVERED)
				.orElse(false));
		List<String> texts = fake.sentTo(502).stream().map(SentMessage::text).toList();
		assertThat(texts).containsExactly("invoice ready");
		AcceptResult repeated = this.outbox.accept(
				new NewNotification("billing", new Recipient.Chat(502), OutgoingMessage.plain("invoice ready"), "k1"));
		assertThat(repeated).isInstanceOf(AcceptResult.Accepted.class);
		assertThat(((AcceptResult.Accepted) repeated).repeated()).isTrue();
		assertThat(((AcceptResult.Accepted) repeated).notification().id()).isEqualTo(accepted.notification().id());
	}

}
