package io.tggateway.fake;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.FormBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.fake.FakeBotClient.Answer;

import static io.tggateway.fake.FakeBotClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send side of {@link FakeTelegram}: recording, Telegram's validation, chat states
 * and flood control, observed over real HTTP.
 */
class FakeTelegramSendTests {

	private final FakeTelegram fake = FakeTelegram.start();

	private final FakeBotClient client = new FakeBotClient(this.fake);

	@AfterEach
	void stop() {
		this.client.close();
		this.fake.close();
	}

	@Test
	void whenMessagesAreSentThenTheyAreRecordedWithIdsIncreasingPerChat() throws Exception {
		Answer first = send(42, "hello");
		send("42", "again");
		send(-100, "group");
		assertThat(first.status()).isEqualTo(200);
		JsonNode message = first.result();
		assertThat(message.path("message_id").asInt()).isEqualTo(1);
		assertThat(message.path("from").path("id").asLong()).isEqualTo(123456789L);
		assertThat(message.path("from").path("is_bot").asBoolean()).isTrue();
		assertThat(message.path("chat").path("id").asLong()).isEqualTo(42);
		assertThat(message.path("chat").path("type").asText()).isEqualTo("private");
		assertThat(message.path("text").asText()).isEqualTo("hello");
		assertThat(message.path("date").asLong()).isPositive();
		assertThat(this.fake.sentTo(42)).extracting(SentMessage::messageId).containsExactly(1, 2);
		assertThat(this.fake.sentTo(42)).extracting(SentMessage::text).containsExactly("hello", "again");
		assertThat(this.fake.sentTo(-100)).extracting(SentMessage::messageId).containsExactly(1);
		assertThat(this.fake.sentMessages()).hasSize(3);
		SentMessage recorded = this.fake.sentTo(42).get(0);
		assertThat(recorded.request().path("chat_id").asLong()).isEqualTo(42);
		assertThat(recorded.receivedAtNanos()).isLessThanOrEqualTo(System.nanoTime());
		assertThat(recorded.receivedAt()).isNotNull();
		this.fake.clearSent();
		assertThat(this.fake.sentMessages()).isEmpty();
		assertThat(send(42, "after clear").result().path("message_id").asInt()).isEqualTo(3);
	}

	@Test
	void whenUserAndBotWriteInOneChatThenTheyShareMessageIds() throws Exception {
		this.fake.userSendsText(42, "hi");
		assertThat(send(42, "hello").result().path("message_id").asInt()).isEqualTo(2);
	}

	@Test
	void whenSentAsFormThenItIsUnderstoodAndTheMarkupIsEchoed() throws Exception {
		Answer answer = this.client.post("/bot" + FakeTelegram.TOKEN + "/SendMessage",
				new FormBody.Builder().add("chat_id", "42")
					.add("text", "pick")
					.add("reply_markup", "{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":\"y\"}]]}")
					.build());
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.result().path("reply_markup").path("inline_keyboard").get(0).get(0).path("text").asText())
			.isEqualTo("Yes");
	}

	@Test
	void whenTextIsEmptyOrTooLongThen400WithTelegramsDescription() throws Exception {
		assertError(send(42, ""), 400, "Bad Request: message text is empty");
		assertError(this.client.call("sendMessage", params("chat_id", 42)), 400, "Bad Request: message text is empty");
		assertError(send(42, "a".repeat(4097)), 400, "Bad Request: message is too long");
		assertThat(send(42, "a".repeat(4096)).status()).isEqualTo(200);
		assertThat(send(42, "\uD83D\uDE00".repeat(4096)).status()).as("code points, not UTF-16 units").isEqualTo(200);
		assertThat(sendHtml("<b>" + "a".repeat(4095) + "&lt;</b>").status()).as("length after parsing").isEqualTo(200);
		assertError(sendHtml("<b></b>"), 400, "Bad Request: message text is empty");
		assertThat(this.fake.sendAttempts()).isEqualTo(7);
		assertThat(this.fake.sentMessages()).hasSize(3);
	}

	@Test
	void whenMarkupIsInvalidThen400CantParseEntities() throws Exception {
		assertError(sendHtml("<b>bold"), 400,
				"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
		assertError(sendHtml("<foo>x</foo>"), 400,
				"Bad Request: can't parse entities: Unsupported start tag \"foo\" at byte offset 0");
		assertError(sendHtml("<b>x</i>"), 400,
				"Bad Request: can't parse entities: Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"");
		assertThat(sendHtml("<b>ok</b> <a href=\"https://t.me\">link</a> &amp; <tg-spoiler>x</tg-spoiler>").result()
			.path("text")
			.asText()).isEqualTo("ok link & x");
		Answer markdown = this.client.call("sendMessage",
				params("chat_id", 42, "text", "Done.", "parse_mode", "MarkdownV2"));
		assertThat(markdown.status()).isEqualTo(400);
		assertThat(markdown.description()).startsWith("Bad Request: can't parse entities: Character '.' is reserved");
		Answer escaped = this.client.call("sendMessage",
				params("chat_id", 42, "text", "*Done*\\. [site](https://t.me)", "parse_mode", "MarkdownV2"));
		assertThat(escaped.result().path("text").asText()).isEqualTo("Done. site");
		assertError(this.client.call("sendMessage", params("chat_id", 42, "text", "x", "parse_mode", "BBCode")), 400,
				"Bad Request: unsupported parse_mode");
	}

	@Test
	void whenChatIsBlockedKickedOrDeactivatedThen403UntilRestored() throws Exception {
		this.fake.blockChat(1);
		this.fake.kickFromChat(-2);
		this.fake.deactivateUser(3);
		assertError(send(1, "x"), 403, "Forbidden: bot was blocked by the user");
		assertError(send(-2, "x"), 403, "Forbidden: bot was kicked from the group chat");
		assertError(send(3, "x"), 403, "Forbidden: user is deactivated");
		assertThat(this.fake.sentMessages()).isEmpty();
		this.fake.restoreChat(1);
		assertThat(send(1, "x").status()).isEqualTo(200);
	}

	@Test
	void whenChatIsUnknownThen400ChatNotFound() throws Exception {
		this.fake.unknownChat(5);
		assertError(send(5, "x"), 400, "Bad Request: chat not found");
		assertError(send("@nobody", "x"), 400, "Bad Request: chat not found");
		this.fake.registerChatUsername("@news", -1_000_000_000_123L);
		assertThat(send("@news", "x").result().path("chat").path("type").asText()).isEqualTo("supergroup");
		assertThat(this.fake.sentTo(-1_000_000_000_123L)).hasSize(1);
	}

	@Test
	void whenGroupMigratedThen400WithTheNewChatIdWhichWorks() throws Exception {
		this.fake.migrateChat(-100, -1_000_000_000_100L);
		Answer answer = send(-100, "x");
		assertError(answer, 400, "Bad Request: group chat was upgraded to a supergroup chat");
		assertThat(answer.json().path("parameters").path("migrate_to_chat_id").asLong()).isEqualTo(-1_000_000_000_100L);
		assertThat(send(-1_000_000_000_100L, "x").status()).isEqualTo(200);
	}

	@Test
	void whenAChatBurstsBeyondItsBucketThen429WithRetryAfterAndNothingIsSent() throws Exception {
		this.fake.enableSendLimits(new SendLimits(100, 3, 1.0, 20));
		for (int i = 0; i < 3; i++) {
			assertThat(send(42, "m" + i).status()).isEqualTo(200);
		}
		Answer refused = send(42, "one too many");
		assertError(refused, 429, "Too Many Requests: retry after 1");
		assertThat(refused.json().path("parameters").path("retry_after").asInt()).isEqualTo(1);
		assertThat(this.fake.tooManyRequests()).isEqualTo(1);
		assertThat(this.fake.sentTo(42)).hasSize(3);
		assertThat(this.fake.sendAttempts()).isEqualTo(4);
		assertThat(send(43, "another chat").status()).isEqualTo(200);
		this.fake.disableSendLimits();
		assertThat(send(42, "unlimited").status()).isEqualTo(200);
	}

	@Test
	void whenAGroupExceedsItsMinuteThen429WithTheSecondsUntilTheWindowFrees() throws Exception {
		this.fake.enableSendLimits(new SendLimits(100, 3, 1.0, 2));
		send(-7, "a");
		send(-7, "b");
		Answer refused = send(-7, "c");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.json().path("parameters").path("retry_after").asInt()).isBetween(59, 60);
	}

	@Test
	void whenSendsExceedTheGlobalRateThen429() throws Exception {
		this.fake.enableSendLimits(new SendLimits(3, 3, 1.0, 20));
		for (int chat = 1; chat <= 3; chat++) {
			assertThat(send(chat, "x").status()).isEqualTo(200);
		}
		assertThat(send(4, "x").json().path("parameters").path("retry_after").asInt()).isEqualTo(1);
	}

	@Test
	void whenSendsArePacedAtTheLimitThenNoneIsRefused() throws Exception {
		this.fake.enableSendLimits(new SendLimits(1000, 1, 20.0, 20));
		for (int i = 0; i < 8; i++) {
			assertThat(send(42, "paced " + i).status()).isEqualTo(200);
			// The next send leaves at least 1/rate after the fake handled this one.
			long due = System.nanoTime() + Duration.ofMillis(55).toNanos();
			await().atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(2))
				.until(() -> System.nanoTime() - due >= 0);
		}
		assertThat(this.fake.tooManyRequests()).isZero();
		send(42, "on time");
		assertThat(send(42, "too soon").status()).isEqualTo(429);
	}

	@Test
	void whenActionsAndCallbackAnswersAreSentThenTheyAnswerTrue() throws Exception {
		assertThat(this.client.call("sendChatAction", params("chat_id", 42, "action", "typing")).result().asBoolean())
			.isTrue();
		assertThat(this.client.call("answerCallbackQuery", params("callback_query_id", "1")).result().asBoolean())
			.isTrue();
		this.fake.blockChat(42);
		assertThat(this.client.call("sendChatAction", params("chat_id", 42, "action", "typing")).status())
			.isEqualTo(403);
	}

	private Answer send(Object chatId, String text) throws Exception {
		return this.client.call("sendMessage", params("chat_id", chatId, "text", text));
	}

	private Answer sendHtml(String text) throws Exception {
		return this.client.call("sendMessage", params("chat_id", 42, "text", text, "parse_mode", "HTML"));
	}

	private static void assertError(Answer answer, int code, String description) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(code);
		assertThat(answer.contentType()).startsWith("application/json");
		assertThat(answer.json().path("ok").asBoolean()).isFalse();
		assertThat(answer.json().path("error_code").asInt()).isEqualTo(code);
		assertThat(answer.description()).isEqualTo(description);
	}

}
