package io.tggateway.telegram;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.telegram.TelegramFailure.ChatMigrated;
import io.tggateway.telegram.TelegramFailure.ClientError;
import io.tggateway.telegram.TelegramFailure.Conflict;
import io.tggateway.telegram.TelegramFailure.Forbidden;
import io.tggateway.telegram.TelegramFailure.ForbiddenReason;
import io.tggateway.telegram.TelegramFailure.RetryAfter;
import io.tggateway.telegram.TelegramFailure.Transient;
import io.tggateway.telegram.TelegramFailure.Unauthorized;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FailureClassifier}: the failures the fake Bot API cannot produce
 * (proxies' status codes, timeouts while connecting, texts that carry the token).
 */
class FailureClassifierTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private final FailureClassifier classifier = new FailureClassifier(new BotToken(FakeTelegram.TOKEN));

	@Test
	void whenANetworkErrorNamesTheUrlThenTheTokenIsRedacted() {
		IOException error = new IOException(
				"unexpected end of stream on http://127.0.0.1/bot" + FakeTelegram.TOKEN + "/getUpdates");
		TelegramCallException ex = this.classifier.classify("getUpdates", new ExecutionException(error));
		assertThat(ex.getMessage()).contains("/bot<token>/getUpdates").doesNotContain(SECRET);
		assertThat(ex.failure().toString()).doesNotContain(SECRET);
		assertThat(ex.getCause()).isNull();
	}

	@Test
	void whenTelegramsDescriptionNamesTheTokenThenItIsRedacted() {
		TelegramFailure failure = failureOf(apiError(400, "Bad Request: odd token " + FakeTelegram.TOKEN, null));
		assertThat(failure).isEqualTo(new ClientError(400, "Bad Request: odd token <token>"));
	}

	@Test
	void whenTheBotUrlIsNotFoundThenUnauthorized() {
		assertThat(failureOf(apiError(404, "Not Found", null))).isInstanceOf(Unauthorized.class);
		assertThat(failureOf(new HttpStatusException(404, null))).isInstanceOf(Unauthorized.class);
	}

	@Test
	void whenAGatewayTimesOutThenTheOutcomeIsUnknown() {
		assertThat(failureOf(apiError(504, "Gateway Timeout", null)))
			.isEqualTo(new Transient("504 Gateway Timeout", true));
		assertThat(failureOf(apiError(502, "Bad Gateway", null))).isEqualTo(new Transient("502 Bad Gateway", false));
		assertThat(failureOf(new HttpStatusException(504, null))).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isTrue());
		assertThat(failureOf(new HttpStatusException(503, null))).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isFalse());
	}

	@Test
	void whenAProxyAnswersWithoutABotApiBodyThenTheStatusDecides() {
		assertThat(failureOf(new HttpStatusException(429, "7"))).isInstanceOfSatisfying(RetryAfter.class,
				(retry) -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
		assertThat(failureOf(new HttpStatusException(429, "Wed, 21 Oct 2015 07:28:00 GMT"))).isInstanceOfSatisfying(
				RetryAfter.class, (retry) -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
		assertThat(failureOf(new HttpStatusException(409, null))).isInstanceOf(Conflict.class);
		assertThat(failureOf(new HttpStatusException(401, null))).isInstanceOf(Unauthorized.class);
		assertThat(failureOf(new HttpStatusException(418, null))).isInstanceOfSatisfying(ClientError.class,
				(error) -> assertThat(error.status()).isEqualTo(418));
	}

	@Test
	void whenRetryAfterIsZeroThenAtLeastOneSecond() {
		assertThat(failureOf(apiError(429, "Too Many Requests: retry after 0", new ResponseParameters(null, 0))))
			.isEqualTo(new RetryAfter(Duration.ofSeconds(1), "Too Many Requests: retry after 0"));
	}

	@Test
	void whenAGroupMigratedThenTheNewIdIsKept() {
		assertThat(failureOf(apiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
				new ResponseParameters(-1_000_000_000_001L, null))))
			.isInstanceOfSatisfying(ChatMigrated.class,
					(migrated) -> assertThat(migrated.newChatId()).isEqualTo(-1_000_000_000_001L));
	}

	@Test
	void whenForbiddenForAnotherReasonThenOther() {
		assertThat(failureOf(apiError(403, "Forbidden: bot can't initiate conversation with a user", null)))
			.isInstanceOfSatisfying(Forbidden.class,
					(forbidden) -> assertThat(forbidden.reason()).isEqualTo(ForbiddenReason.OTHER));
		assertThat(failureOf(apiError(403, "Forbidden: bot is not a member of the channel chat", null)))
			.isInstanceOfSatisfying(Forbidden.class,
					(forbidden) -> assertThat(forbidden.reason()).isEqualTo(ForbiddenReason.KICKED));
	}

	@Test
	void whenTheRequestNeverLeftThenTheOutcomeIsKnown() {
		assertThat(failureOf(new ConnectException("Failed to connect to /127.0.0.1:1")))
			.isInstanceOfSatisfying(Transient.class, (failure) -> assertThat(failure.outcomeUnknown()).isFalse());
		assertThat(failureOf(new UnknownHostException("api.telegram.org"))).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isFalse());
		assertThat(failureOf(new SocketTimeoutException("connect timed out"))).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isFalse());
	}

	@Test
	void whenTheAnswerTimesOutOrTheCallIsCancelledThenTheOutcomeIsUnknown() {
		assertThat(failureOf(new SocketTimeoutException("timeout"))).isInstanceOfSatisfying(Transient.class,
				(failure) -> assertThat(failure.outcomeUnknown()).isTrue());
		assertThat(failureOf(new InterruptedIOException("Canceled"))).isEqualTo(new Transient("call cancelled", true));
	}

	@Test
	void whenTheLibraryRefusesTheRequestThenClientError() {
		SendMessage empty = SendMessage.builder().chatId(1L).text("x").build();
		assertThat(failureOf(new TelegramApiValidationException("Text can't be empty", empty)))
			.isEqualTo(new ClientError(0, "invalid request: Text can't be empty"));
	}

	@Test
	void whenTheAnswerCannotBeReadThenTransient() {
		TelegramFailure failure = failureOf(
				new TelegramApiRequestException("Unable to deserialize response", new IllegalStateException("x")));
		assertThat(failure).isInstanceOfSatisfying(Transient.class, (unreadable) -> {
			assertThat(unreadable.description()).startsWith("unreadable answer");
			assertThat(unreadable.outcomeUnknown()).isFalse();
		});
	}

	@Test
	void whenWrappedInCompletionExceptionsThenTheCauseIsClassified() {
		Throwable wrapped = new ExecutionException(
				new CompletionException(apiError(409, "Conflict: terminated by other getUpdates request", null)));
		assertThat(failureOf(wrapped)).isInstanceOf(Conflict.class);
	}

	private TelegramFailure failureOf(Throwable error) {
		return this.classifier.classify("sendMessage", error).failure();
	}

	private static TelegramApiRequestException apiError(int code, String description,
			@Nullable ResponseParameters parameters) {
		return new TelegramApiRequestException("Error sending message",
				ApiResponse.builder()
					.ok(false)
					.errorCode(code)
					.errorDescription(description)
					.parameters(parameters)
					.build());
	}

}
