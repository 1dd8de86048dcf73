package io.tggateway;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.BotCommand;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.poller.UpdatePoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against the fake Bot API: people talk to the bot and get answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.bot.echo.enabled=true", "gateway.poller.timeout=2s",
				"gateway.delivery.limits.enabled=false" })
@DirtiesContext
class BotConversationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final FakeTelegram fake = FakeTelegram.start();

	@Autowired
	private UpdatePoller poller;

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	@Test
	void whenAPersonWritesThenTheEchoAnswersWithTheSameText() {
		fake.userSendsText(1001, "hello there");
		assertThat(awaitReplies(1001, 1)).containsExactly("hello there");
	}

	@Test
	void whenAPersonSendsStartThenTheGreetingNamesTheBot() {
		fake.userSendsText(1002, "/start");
		assertThat(awaitReplies(1002, 1).getFirst()).contains("@fake_bot").contains("/help");
	}

	@Test
	void whenAPersonSendsHelpThenEveryCommandIsListed() {
		fake.userSendsText(1003, "/help");
		assertThat(awaitReplies(1003, 1).getFirst()).contains("/start - ").contains("/help - ");
	}

	@Test
	void whenACommandIsForAnotherBotInAGroupThenTheBotStaysSilent() {
		long group = -2001;
		fake.userSendsText(group, 7, "/help@other_bot");
		fake.userSendsText(group, 7, "/help@Fake_Bot");
		List<String> replies = awaitReplies(group, 1);
		assertThat(replies.getFirst()).startsWith("Commands:");
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> fake.sentTo(group).size() == 1);
	}

	@Test
	void whenAnUnknownCommandComesThenPrivateChatsGetAHintAndGroupsSilence() {
		fake.userSendsText(-2002, 8, "/frobnicate");
		fake.userSendsText(1004, "/frobnicate now");
		assertThat(awaitReplies(1004, 1).getFirst()).contains("/frobnicate").contains("/help");
		await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> fake.sentTo(-2002).isEmpty());
	}

	@Test
	void whenOneChatSendsManyMessagesThenTheAnswersKeepTheirOrder() {
		for (int i = 0; i < 50; i++) {
			fake.userSendsText(1005, "message " + i);
		}
		List<String> replies = awaitReplies(1005, 50);
		for (int i = 0; i < 50; i++) {
			assertThat(replies.get(i)).isEqualTo("message " + i);
		}
	}

	@Test
	void whenTheServiceStartsThenItsCommandsAreInTelegramsMenu() {
		await().atMost(WAIT).until(() -> !fake.commands().isEmpty());
		assertThat(fake.commands()).extracting(BotCommand::command)
			.containsExactly("start", "help", "topics", "subscribe", "unsubscribe", "stop");
	}

	@Test
	void whenUpdatesAreHandledThenTelegramIsToldAndNothingIsDeliveredTwice() {
		int id = fake.userSendsText(1006, "confirm me");
		awaitReplies(1006, 1);
		await().atMost(WAIT).until(() -> fake.confirmedUpTo() > id);
		assertThat(fake.deliveredUpdateIds()).doesNotHaveDuplicates();
		assertThat(this.poller.status().offset()).isGreaterThan(id);
	}

	private static List<String> awaitReplies(long chatId, int count) {
		await().atMost(WAIT).until(() -> fake.sentTo(chatId).size() >= count);
		return fake.sentTo(chatId).stream().map(SentMessage::text).toList();
	}

}
