package io.tggateway.telegram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.fake.SendLimits;
import io.tggateway.fake.SentMessage;
import io.tggateway.telegram.TelegramFailure.ChatMigrated;
import io.tggateway.telegram.TelegramFailure.ChatNotFound;
import io.tggateway.telegram.TelegramFailure.ClientError;
import io.tggateway.telegram.TelegramFailure.Conflict;
import io.tggateway.telegram.TelegramFailure.Forbidden;
import io.tggateway.telegram.TelegramFailure.ForbiddenReason;
import io.tggateway.telegram.TelegramFailure.MessageTooLong;
import io.tggateway.telegram.TelegramFailure.RetryAfter;
import io.tggateway.telegram.TelegramFailure.Transient;
import io.tggateway.telegram.TelegramFailure.Unauthorized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BotApiClient}: real HTTP against the fake Bot API, with every failure
 * kind classified and the token absent from every failure.
 */
class BotApiClientTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final long CHAT = 42;

	private final FakeTelegram fake = FakeTelegram.start();

	private final BotApiClient api = client(this.fake.baseUrl(), Duration.ofSeconds(5));

	private final BotApiClient other = client(this.fake.baseUrl(), Duration.ofSeconds(5));

	@AfterEach
	void stop() {
		this.api.stop();
		this.other.stop();
		this.fake.close();
	}

	@Test
	void whenTheTokenIsRevokedThenUnauthorized() {
		this.fake.revokeToken();
		TelegramCallException ex = failureOf(this.api::getMe);
		assertThat(ex.method()).isEqualToIgnoringCase("getMe");
		assertThat(ex.failure()).isInstanceOf(Unauthorized.class);
		assertThat(ex.failure().description()).contains("401");
	}

	@Test
	void whenAnotherPollStartsThenTheHeldPollGetsConflict() throws Exception {
		CompletableFuture<UpdateBatch> held = pollAsync(this.api, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		assertThat(this.other.getUpdates(0, 100, Duration.ZERO, List.of()).size()).isZero();
		TelegramCallException ex = failureOf(() -> held.get(2, TimeUnit.SECONDS));
		assertThat(ex.method()).isEqualToIgnoringCase("getUpdates");
		assertThat(ex.failure()).isInstanceOf(Conflict.class);
		assertThat(ex.failure().description()).contains("terminated by other getUpdates request");
	}

	@Test
	void whenAWebhookIsSetThenGetUpdatesGetsConflict() {
		this.fake.setWebhookUrl("https://example.org/hook");
		TelegramCallException ex = failureOf(() -> this.api.getUpdates(0, 100, Duration.ZERO, List.of()));
		assertThat(ex.failure()).isInstanceOf(Conflict.class);
		assertThat(ex.failure().description()).contains("webhook is active");
	}

	@Test
	void whenTelegramAnswersTooManyRequestsThenRetryAfterItsSeconds() {
		this.fake.injectFaults("getMe", 1, Fault.TOO_MANY_REQUESTS);
		TelegramCallException ex = failureOf(this.api::getMe);
		assertThat(ex.failure()).isInstanceOfSatisfying(RetryAfter.class,
				(retry) -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void whenASendLimitIsExceededThenRetryAfterTheWaitTelegramNames() throws Exception {
		this.fake.enableSendLimits(new SendLimits(30, 1, 0.5, 20));
		send("first");
		TelegramCallException ex = failureOf(() -> send("second"));
		assertThat(ex.method()).isEqualToIgnoringCase("sendMessage");
		assertThat(ex.failure()).isInstanceOfSatisfying(RetryAfter.class,
				(retry) -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
		assertThat(this.fake.sentTo(CHAT)).extracting(SentMessage::text).containsExactly("first");
	}

	@Test
	void whenTheBotMayNotWriteToAChatThenForbiddenWithTheReason() {
		this.fake.blockChat(1);
		this.fake.kickFromChat(-2);
		this.fake.deactivateUser(3);
		assertThat(List.of(1L, -2L, 3L)).map((chat) -> failureOf(() -> send(chat, "x")).failure())
			.map((failure) -> ((Forbidden) failure).reason())
			.containsExactly(ForbiddenReason.BLOCKED, ForbiddenReason.KICKED, ForbiddenReason.DEACTIVATED);
	}

	@Test
	void whenTheChatDoesNotExistThenChatNotFound() {
		this.fake.unknownChat(CHAT);
		assertThat(failureOf(() -> send("x")).failure()).isInstanceOf(ChatNotFound.class);
	}

	@Test
	void whenTheGroupBecameASupergroupThenChatMigratedWithTheNewId() {
		this.fake.migrateChat(-5, -1_000_000_000_005L);
		assertThat(failureOf(() -> send(-5, "x")).failure()).isInstanceOfSatisfying(ChatMigrated.class,
				(migrated) -> assertThat(migrated.newChatId()).isEqualTo(-1_000_000_000_005L));
	}

	@Test
	void whenTheTextIsTooLongThenMessageTooLong() {
		assertThat(failureOf(() -> send("x".repeat(4097))).failure()).isInstanceOf(MessageTooLong.class);
	}

	@Test
	void whenTelegramRefusesTheRequestOtherwiseThenClientError() {
		assertThat(failureOf(() -> send("   ")).failure()).isInstanceOfSatisfying(ClientError.class, (error) -> {
			assertThat(error.status()).isEqualTo(400);
			assertThat(error.description()).contains("message text is empty");
		});
	}

	@Test
	void whenTelegramAnswers500ThenTransientAndKnownNotToHaveTakenEffect() {
		this.fake.injectFaults("sendMessage", 1, Fault.SERVER_ERROR_JSON);
		assertThat(failureOf(() -> send("x")).failure()).isEqualTo(new Transient("500 Internal Server Error", false));
		assertThat(this.fake.sentMessages()).isEmpty();
	}

	@Test
	void whenAProxyAnswers502HtmlThenTransientAndTheStatusSurvives() {
		this.fake.injectFaults("getMe", 1, Fault.BAD_GATEWAY_HTML);
		assertThat(failureOf(this.api::getMe).failure()).isInstanceOfSatisfying(Transient.class, (failure) -> {
			assertThat(failure.description()).contains("HTTP 502");
			assertThat(failure.outcomeUnknown()).isFalse();
		});
	}

	@Test
	void whenTheConnectionDropsThenTransientWithAnUnknownOutcome() {
		this.fake.injectFaults("sendMessage", 1, Fault.DROP_CONNECTION);
		assertThat(failureOf(() -> send("x")).failure()).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isTrue());
		assertThat(this.fake.sentMessages()).isEmpty();
	}

	@Test
	void whenTheAnswerIsLostThenTransientWithAnUnknownOutcomeAndTheMessageIsSentOnce() throws Exception {
		// A pooled connection first: that is where OkHttp would silently resend.
		this.api.getMe();
		this.fake.injectFaults("sendMessage", 1, Fault.RESPONSE_LOST);
		assertThat(failureOf(() -> send("once")).failure()).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isTrue());
		assertThat(this.fake.sentTo(CHAT)).extracting(SentMessage::text).containsExactly("once");
		assertThat(this.fake.sendAttempts()).isOne();
	}

	@Test
	void whenNothingListensThenTransientKnownNotToHaveTakenEffect() throws IOException {
		BotApiClient unreachable = client("http://127.0.0.1:" + closedPort(), Duration.ofSeconds(5));
		try {
			assertThat(failureOf(unreachable::getMe).failure()).isInstanceOfSatisfying(Transient.class,
					(failure) -> assertThat(failure.outcomeUnknown()).isFalse());
		}
		finally {
			unreachable.stop();
		}
	}

	@Test
	void whenTelegramDoesNotAnswerThenTransientWithAnUnknownOutcomeWithinTheRequestTimeout() {
		BotApiClient impatient = client(this.fake.baseUrl(), Duration.ofMillis(500));
		try {
			this.fake.injectFaults("sendMessage", 1, Fault.HANG);
			long start = System.nanoTime();
			TelegramCallException ex = failureOf(() -> impatient.execute(message(CHAT, "x")));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400),
					Duration.ofMillis(1500));
			assertThat(ex.failure()).isInstanceOfSatisfying(Transient.class,
					(failure) -> assertThat(failure.outcomeUnknown()).isTrue());
		}
		finally {
			impatient.stop();
		}
	}

	@Test
	void whenUpdatesArePendingThenGetUpdatesHonoursOffsetAndLimit() throws Exception {
		int first = this.fake.userSendsText(CHAT, "a");
		this.fake.userSendsText(CHAT, "b");
		int third = this.fake.userSendsText(CHAT, "c");
		UpdateBatch batch = this.api.getUpdates(0, 2, Duration.ZERO, List.of("message"));
		assertThat(batch.updates()).extracting(Update::getUpdateId).containsExactly(first, first + 1);
		assertThat(batch.updates().get(0).getMessage().getText()).isEqualTo("a");
		assertThat(batch.unreadableIds()).isEmpty();
		UpdateBatch rest = this.api.getUpdates(batch.nextOffset(0), 2, Duration.ZERO, List.of("message"));
		assertThat(rest.updates()).extracting(Update::getUpdateId).containsExactly(third);
		assertThat(this.fake.confirmedUpTo()).isEqualTo(first + 2);
	}

	@Test
	void whenAnUpdateCannotBeReadThenItIsReportedAndTheUpdatesAroundItAreReturned() throws Exception {
		int before = this.fake.userSendsText(CHAT, "before");
		int dateless = this.fake.enqueueRawUpdate("""
				{"message":{"message_id":7,"date":0,"chat":{"id":42,"type":"private"},"text":"odd"}}""");
		int mistyped = this.fake.enqueueRawUpdate("""
				{"message":{"message_id":"eight","date":1700000000,"chat":{"id":42,"type":"private"}}}""");
		int after = this.fake.userSendsText(CHAT, "after");
		UpdateBatch batch = this.api.getUpdates(0, 100, Duration.ZERO, List.of());
		assertThat(batch.updates()).extracting(Update::getUpdateId).containsExactly(before, after);
		assertThat(batch.unreadableIds()).containsExactly(dateless, mistyped);
		assertThat(batch.size()).isEqualTo(4);
		assertThat(batch.nextOffset(0)).isEqualTo(after + 1);
	}

	@Test
	void whenAPollIsAbortedThenItEndsAtOnce() {
		CompletableFuture<UpdateBatch> held = pollAsync(this.api, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		long start = System.nanoTime();
		this.api.abortPolls();
		TelegramCallException ex = failureOf(() -> held.get(1, TimeUnit.SECONDS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		assertThat(ex.failure()).isInstanceOf(Transient.class);
	}

	@Test
	void whenTheWebhookIsDeletedThenItsPendingUpdatesAreKept() throws Exception {
		this.fake.setWebhookUrl("https://example.org/hook");
		this.fake.userSendsText(CHAT, "kept");
		assertThat(this.api.getWebhookInfo().getUrl()).isEqualTo("https://example.org/hook");
		this.api.deleteWebhook();
		assertThat(this.fake.webhookUrl()).isEmpty();
		assertThat(this.api.getWebhookInfo().getUrl()).isEmpty();
		assertThat(this.api.getUpdates(0, 100, Duration.ZERO, List.of()).updates()).hasSize(1);
	}

	@Test
	void whenStoppedThenNoCallGoesOut() {
		this.api.start();
		assertThat(this.api.isRunning()).isTrue();
		this.api.stop();
		assertThat(this.api.isRunning()).isFalse();
		assertThat(failureOf(this.api::getMe).failure()).isInstanceOf(Transient.class);
		assertThat(this.fake.calls("getMe")).isZero();
	}

	@Test
	void whenShownThenTheTokenIsHidden() {
		BotToken token = new BotToken(FakeTelegram.TOKEN);
		assertThat(token.toString()).isEqualTo("BotToken[123456789:****]").doesNotContain(SECRET);
		assertThat(token.botId()).isEqualTo("123456789");
		assertThat(token.redact("GET /bot" + FakeTelegram.TOKEN + "/getMe")).isEqualTo("GET /bot<token>/getMe");
		TelegramProperties properties = properties(this.fake.baseUrl(), Duration.ofSeconds(5));
		assertThat(properties.toString()).contains("123456789").doesNotContain(SECRET);
	}

	private void send(String text) throws TelegramCallException {
		send(CHAT, text);
	}

	private void send(long chatId, String text) throws TelegramCallException {
		Message sent = this.api.execute(message(chatId, text));
		assertThat(sent.getMessageId()).isPositive();
	}

	private static SendMessage message(long chatId, String text) {
		return SendMessage.builder().chatId(chatId).text(text).build();
	}

	/**
	 * Runs the call, expects a {@link TelegramCallException} (also as the cause of an
	 * {@link ExecutionException}), and checks that nothing about it shows the token.
	 */
	static TelegramCallException failureOf(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		if (thrown instanceof ExecutionException execution && execution.getCause() != null) {
			thrown = execution.getCause();
		}
		assertThat(thrown).isInstanceOf(TelegramCallException.class);
		TelegramCallException ex = (TelegramCallException) thrown;
		assertThat(List.of(String.valueOf(ex.getMessage()), ex.toString(), ex.failure().toString(),
				ex.failure().description()))
			.allSatisfy((text) -> assertThat(text).doesNotContain(SECRET));
		assertThat(ex.getCause()).isNull();
		return ex;
	}

	private static CompletableFuture<UpdateBatch> pollAsync(BotApiClient client, Duration timeout) {
		CompletableFuture<UpdateBatch> answer = new CompletableFuture<>();
		Thread.ofVirtual().name("test-poll").start(() -> {
			try {
				answer.complete(client.getUpdates(0, 100, timeout, List.of()));
			}
			catch (TelegramCallException ex) {
				answer.completeExceptionally(ex);
			}
		});
		return answer;
	}

	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static TelegramProperties properties(String apiUrl, Duration requestTimeout) {
		return new TelegramProperties(new BotToken(FakeTelegram.TOKEN), URI.create(apiUrl), Duration.ofSeconds(2),
				requestTimeout, 64);
	}

	static BotApiClient client(String apiUrl, Duration requestTimeout) {
		return BotApiClient.create(properties(apiUrl, requestTimeout));
	}

}
