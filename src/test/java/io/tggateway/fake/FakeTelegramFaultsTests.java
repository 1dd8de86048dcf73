package io.tggateway.fake;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.fake.FakeBotClient.Answer;

import static io.tggateway.fake.FakeBotClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Injected faults, latency and closing, as an OkHttp client observes them.
 */
class FakeTelegramFaultsTests {

	private final FakeTelegram fake = FakeTelegram.start();

	private final FakeBotClient client = new FakeBotClient(this.fake);

	@AfterEach
	void stop() {
		this.client.close();
		this.fake.close();
	}

	@Test
	void whenServerErrorInjectedThen500JsonAndNothingSent() throws Exception {
		this.fake.injectFaults("sendMessage", 1, Fault.SERVER_ERROR_JSON);
		Answer answer = send("x");
		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.contentType()).startsWith("application/json");
		assertThat(answer.json().path("error_code").asInt()).isEqualTo(500);
		assertThat(answer.description()).isEqualTo("Internal Server Error");
		assertThat(this.fake.sentMessages()).isEmpty();
		assertThat(send("y").status()).isEqualTo(200);
		assertThat(this.fake.faultsServed()).isEqualTo(1);
		assertThat(this.fake.sendAttempts()).isEqualTo(2);
		assertThat(this.fake.calls("SENDMESSAGE")).isEqualTo(2);
	}

	@Test
	void whenBadGatewayInjectedThen502Html() throws Exception {
		this.fake.injectFaults("*", 1, Fault.BAD_GATEWAY_HTML);
		Answer answer = this.client.call("getMe", "{}");
		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.contentType()).startsWith("text/html");
		assertThat(answer.text()).contains("502 Bad Gateway");
	}

	@Test
	void whenTooManyRequestsInjectedThen429RetryAfterOne() throws Exception {
		this.fake.injectFaults("sendmessage", 2, Fault.TOO_MANY_REQUESTS);
		assertThat(send("a").json().path("parameters").path("retry_after").asInt()).isEqualTo(1);
		assertThat(send("b").status()).isEqualTo(429);
		assertThat(send("c").status()).isEqualTo(200);
		assertThat(this.fake.tooManyRequests()).isEqualTo(2);
		assertThat(this.fake.sentTo(42)).extracting(SentMessage::text).containsExactly("c");
	}

	@Test
	void whenConnectionDroppedThenTheClientGetsAnIOExceptionAndNothingIsSent() throws Exception {
		this.fake.injectFaults("sendMessage", 1, Fault.DROP_CONNECTION);
		assertThatIOException().isThrownBy(() -> send("x")).withMessageContaining("unexpected end of stream");
		assertThat(this.fake.sentMessages()).isEmpty();
		assertThat(send("y").status()).isEqualTo(200);
	}

	@Test
	void whenResponseLostThenTheClientGetsAnIOExceptionButTheMessageWasSent() throws Exception {
		this.fake.injectFaults("sendMessage", 1, Fault.RESPONSE_LOST);
		assertThatIOException().isThrownBy(() -> send("x"));
		assertThat(this.fake.sentTo(42)).extracting(SentMessage::text).containsExactly("x");
	}

	@Test
	void whenDefaultOkHttpClientLosesAResponseOnAPooledConnectionThenItRetriesAndSendsTwice() throws Exception {
		try (FakeBotClient retrying = new FakeBotClient(this.fake, new OkHttpClient())) {
			assertThat(retrying.call("getMe", "{}").status()).isEqualTo(200);
			this.fake.injectFaults("sendMessage", 1, Fault.RESPONSE_LOST);
			Answer answer = retrying.call("sendMessage", params("chat_id", 42, "text", "once?"));
			assertThat(answer.status()).isEqualTo(200);
			assertThat(this.fake.sentTo(42)).extracting(SentMessage::text).containsExactly("once?", "once?");
		}
	}

	@Test
	void whenGetUpdatesFailsThenNothingIsConfirmedButALostResponseConfirms() throws Exception {
		int first = this.fake.userSendsText(42, "a");
		int second = this.fake.userSendsText(42, "b");
		this.fake.injectFaults("getUpdates", 1, Fault.SERVER_ERROR_JSON);
		assertThat(this.client.call("getUpdates", params("offset", second)).status()).isEqualTo(500);
		assertThat(this.fake.pendingUpdates()).isEqualTo(2);
		assertThat(this.fake.deliveredUpdateIds()).isEmpty();
		this.fake.injectFaults("getUpdates", 1, Fault.RESPONSE_LOST);
		assertThatIOException().isThrownBy(() -> this.client.call("getUpdates", params("offset", second)));
		assertThat(this.fake.pendingUpdates()).isEqualTo(1);
		assertThat(this.fake.deliveredUpdateIds()).containsExactly(second);
		assertThat(this.fake.confirmedUpTo()).isEqualTo(second).isGreaterThan(first);
	}

	@Test
	void whenHangInjectedThenTheClientTimesOutAndCloseReleasesTheRequest() throws Exception {
		OkHttpClient impatient = new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.readTimeout(Duration.ofMillis(300))
			.build();
		try (FakeBotClient hurried = new FakeBotClient(this.fake, impatient)) {
			this.fake.injectFaults("sendMessage", 1, Fault.HANG);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> hurried.call("sendMessage", params("chat_id", 42, "text", "x")));
		}
		CompletableFuture<Answer> hung = hangingCall();
		await().atMost(Duration.ofSeconds(2)).until(() -> this.fake.faultsServed() == 2);
		long start = System.nanoTime();
		this.fake.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(hung::get)
			.withCauseInstanceOf(IOException.class);
		assertThat(this.fake.sentMessages()).isEmpty();
	}

	@Test
	void whenLatencySetThenEveryAnswerIsDelayed() throws Exception {
		this.fake.setLatency(Duration.ofMillis(200));
		long start = System.nanoTime();
		assertThat(this.client.call("getMe", "{}").status()).isEqualTo(200);
		assertThat(send("x").status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		SentMessage sent = this.fake.sentTo(42).get(0);
		assertThat(Duration.ofNanos(System.nanoTime() - sent.receivedAtNanos()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(200));
		this.fake.setLatency(Duration.ZERO);
		start = System.nanoTime();
		this.client.call("getMe", "{}");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
	}

	@Test
	void whenClosedThenAHeldLongPollAnswersAtOnce() throws Exception {
		CompletableFuture<Answer> poll = this.client.callAsync("getUpdates", params("timeout", 30));
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		long start = System.nanoTime();
		this.fake.close();
		Answer answer = poll.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.result()).isEmpty();
	}

	private CompletableFuture<Answer> hangingCall() {
		this.fake.injectFaults("sendMessage", 1, Fault.HANG);
		return this.client.callAsync("sendMessage", params("chat_id", 42, "text", "never"));
	}

	private Answer send(String text) throws IOException {
		return this.client.call("sendMessage", params("chat_id", 42, "text", text));
	}

}
