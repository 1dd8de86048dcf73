package io.tggateway.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against the fake Bot API: notifications accepted by the outbox reach
 * people, and what people do in the chat (writing again after blocking the bot) changes
 * who receives them. Deep links, end to end, are in {@code AudienceApiTests}.
 * <p>
 * Runs against both stores ({@link DeliveryApplicationMemoryTests},
 * {@link DeliveryApplicationJdbcTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.poller.timeout=2s", "gateway.delivery.retry-initial=100ms",
				"gateway.delivery.retry-max=500ms", "gateway.topics.releases.description=New releases" })
@DirtiesContext
abstract class DeliveryApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	private NotificationOutbox outbox;

	@Autowired
	private TopicSubscriptions subscriptions;

	@Autowired
	private ChatStates chats;

	/**
	 * The fake Bot API of this test class's service.
	 * @return the fake
	 */
	abstract FakeTelegram fake();

	@Test
	void whenAPersonWhoBlockedTheBotWritesAgainThenTopicsReachThemAgain() {
		this.subscriptions.subscribe("releases", 11_001);
		this.subscriptions.subscribe("releases", 11_002);
		fake().blockChat(11_001);
		NotificationView blocked = awaitFinished(accept(new Recipient.Chat(11_001), "are you there?"));
		assertThat(blocked.status()).isEqualTo(NotificationStatus.FAILED);
		assertThat(blocked.deliveries().getFirst().lastError()).contains("blocked");
		assertThat(this.chats.inactiveReason(11_001)).isPresent();
		NotificationView skipped = awaitFinished(accept(new Recipient.Topic("releases"), "v1"));
		assertThat(skipped.deliveries()).extracting(DeliveryView::chatId).containsExactly(11_002L);
		fake().restoreChat(11_001);
		fake().userSendsText(11_001, "hi");
		await().atMost(WAIT).until(() -> this.chats.inactiveReason(11_001).isEmpty());
		NotificationView again = awaitFinished(accept(new Recipient.Topic("releases"), "v2"));
		assertThat(again.status()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(again.deliveries()).extracting(DeliveryView::chatId).containsExactly(11_001L, 11_002L);
		assertThat(texts(11_001)).containsExactly("v2");
		assertThat(texts(11_002)).containsExactly("v1", "v2");
	}

	private AcceptResult accept(Recipient recipient, String text) {
		return this.outbox.accept(new NewNotification("billing", recipient, OutgoingMessage.plain(text), null));
	}

	private NotificationView awaitFinished(AcceptResult result) {
		assertThat(result).isInstanceOf(AcceptResult.Accepted.class);
		UUID id = ((AcceptResult.Accepted) result).notification().id();
		await().atMost(WAIT)
			.until(() -> this.outbox.find("billing", id)
				.orElseThrow()
				.deliveries()
				.stream()
				.allMatch((delivery) -> delivery.status().isFinal()));
		return this.outbox.find("billing", id).orElseThrow();
	}

	private List<String> texts(long chat) {
		return fake().sentTo(chat).stream().map(SentMessage::text).toList();
	}

}
