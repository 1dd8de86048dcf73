package io.tggateway.poller;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link UpdatePoller} when Telegram misbehaves: a revoked token, conflicts,
 * flood control, server errors, dropped connections and an unreachable API.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpdatePollerFailureTests {

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration TICK = Duration.ofMillis(10);

	private final List<FakeTelegram> fakes = new ArrayList<>(List.of(FakeTelegram.start()));

	private final FakeTelegram fake = this.fakes.get(0);

	private final List<PollingStack> stacks = new ArrayList<>();

	@AfterEach
	void stop() {
		this.stacks.reversed().forEach(PollingStack::close);
		this.fakes.forEach(FakeTelegram::close);
	}

	@Test
	void whenTheTokenIsRevokedWhilePollingThenPollingStopsWithOneErrorSayingWhatToCheck(CapturedOutput output) {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(() -> stack.state() == PollerState.POLLING && this.fake.pollInProgress());
		this.fake.revokeToken();
		// An update ends the poll under way (its token was checked when it arrived).
		int last = this.fake.userSendsText(1, "last one read");
		await().atMost(WAIT).until(() -> stack.state() == PollerState.UNAUTHORIZED);
		// The fake counts only calls with a valid token: accept it again, so that any
		// further poll would show.
		int calls = this.fake.getUpdatesCalls();
		this.fake.acceptToken(FakeTelegram.TOKEN);
		this.fake.userSendsText(1, "nobody reads this");
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> this.fake.getUpdatesCalls() == calls);
		assertThat(handler.handled()).containsExactly(last);
		assertThat(stack.poller.status().lastError()).contains("401");
		assertThat(errorLines(output)).singleElement()
			.satisfies((line) -> assertThat(line).contains("gateway.telegram.token", "GATEWAY_TELEGRAM_TOKEN"));
		stack.close();
		assertThat(this.fake.getUpdatesCalls()).as("no final confirm with a rejected token").isEqualTo(calls);
	}

	@Test
	void whenTheTokenIsRevokedBeforeStartThenThePollerNeverPolls(CapturedOutput output) {
		this.fake.revokeToken();
		PollingStack stack = start(RecordingHandler.immediate());
		await().atMost(WAIT).until(() -> stack.state() == PollerState.UNAUTHORIZED);
		this.fake.acceptToken(FakeTelegram.TOKEN);
		await().during(Duration.ofMillis(700)).atMost(WAIT).until(() -> this.fake.getUpdatesCalls() == 0);
		assertThat(errorLines(output)).singleElement()
			.satisfies((line) -> assertThat(line).contains("gateway.telegram.token"));
	}

	@Test
	void whenAnotherProcessPollsThenConflictWithOneWarningAndBackOffUntilItStops(CapturedOutput output) {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(() -> stack.state() == PollerState.POLLING && this.fake.pollInProgress());
		try (ForeignPoller foreign = new ForeignPoller(this.fake)) {
			await().atMost(WAIT).pollInterval(TICK).until(() -> stack.state() == PollerState.CONFLICT);
			long failed = stack.poller.status().failedPolls();
			await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> stack.state() == PollerState.CONFLICT);
			// Back-off from 50 ms doubling to 500 ms: about 7 attempts in 1.5 s, not
			// hundreds.
			assertThat(stack.poller.status().failedPolls() - failed).isBetween(2L, 12L);
			assertThat(foreign.polls()).isGreaterThan(1);
		}
		await().atMost(WAIT).until(() -> stack.state() == PollerState.POLLING);
		int id = this.fake.userSendsText(1, "back");
		await().atMost(WAIT).until(() -> handler.handled().contains(id));
		assertThat(output.getAll().lines().filter((line) -> line.contains("409 Conflict"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN"));
		assertThat(output.getAll()).contains("Polling resumed after");
	}

	@Test
	void whenAWebhookIsSetWhilePollingThenConflictBacksOffExponentiallyUpToTheCap(CapturedOutput output) {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler, PollingStack.polls(Duration.ofSeconds(1), Duration.ofMillis(400)));
		await().atMost(WAIT).until(() -> stack.state() == PollerState.POLLING && this.fake.pollInProgress());
		this.fake.setWebhookUrl("https://example.org/hook");
		// An update ends the poll under way (the webhook was checked when it arrived).
		this.fake.userSendsText(1, "wake up");
		await().atMost(WAIT).pollInterval(TICK).until(() -> stack.state() == PollerState.CONFLICT);
		long start = System.nanoTime();
		int calls = this.fake.getUpdatesCalls();
		// Nine more attempts: 25-50, 50-100, 100-200, 200-400 ms, then five capped at
		// 200-400 ms. Without a cap they would take far longer; without back-off, no
		// time.
		await().atMost(Duration.ofSeconds(6)).pollInterval(TICK).until(() -> this.fake.getUpdatesCalls() >= calls + 9);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1200));
		assertThat(this.fake.conflicts()).isGreaterThanOrEqualTo(10);
		this.fake.setWebhookUrl("");
		await().atMost(WAIT).until(() -> stack.state() == PollerState.POLLING);
		int id = this.fake.userSendsText(1, "back");
		await().atMost(WAIT).until(() -> handler.handled().contains(id));
		assertThat(output.getAll().lines().filter((line) -> line.contains("409 Conflict"))).hasSize(1);
	}

	@Test
	void whenTelegramAsksToWaitThenTheNextPollComesAfterRetryAfter(CapturedOutput output) {
		this.fake.injectFaults("getUpdates", 1, Fault.TOO_MANY_REQUESTS);
		int id = this.fake.userSendsText(1, "after the wait");
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		await().atMost(WAIT).pollInterval(TICK).until(() -> this.fake.getUpdatesCalls() >= 1);
		long start = System.nanoTime();
		await().atMost(WAIT).until(() -> stack.state() == PollerState.BACKING_OFF);
		await().atMost(WAIT).pollInterval(TICK).until(() -> this.fake.getUpdatesCalls() >= 2);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
				Duration.ofMillis(1500));
		await().atMost(WAIT).until(() -> handler.handled().contains(id));
		assertThat(output.getAll()).contains("Telegram asked the poller to wait 1 s (429)");
	}

	@Test
	void whenServerErrorsAndDroppedConnectionsThenPollingBacksOffAndResumes(CapturedOutput output) {
		this.fake.injectFaults("getUpdates", 2, Fault.SERVER_ERROR_JSON);
		this.fake.injectFaults("getUpdates", 2, Fault.DROP_CONNECTION);
		this.fake.injectFaults("getUpdates", 1, Fault.BAD_GATEWAY_HTML);
		int first = this.fake.userSendsText(1, "a");
		int second = this.fake.userSendsText(2, "b");
		RecordingHandler handler = RecordingHandler.immediate();
		long start = System.nanoTime();
		PollingStack stack = start(handler);
		await().atMost(WAIT).until(() -> handler.handled().size() == 2);
		// At least four back-offs (one dropped connection may be retried by OkHttp):
		// 25 + 50 + 100 + 200 ms with equal jitter.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(350));
		assertThat(handler.handled()).containsExactlyInAnyOrder(first, second);
		assertThat(this.fake.faultsServed()).isEqualTo(5);
		assertThat(this.fake.getUpdatesCalls()).isBetween(6, 8);
		assertThat(stack.poller.status().failedPolls()).isBetween(4L, 5L);
		assertThat(output.getAll().lines().filter((line) -> line.contains("Polling failed ("))).hasSize(1);
		assertThat(output.getAll()).contains("Polling resumed after");
	}

	@Test
	void whenTheApiGoesAwayThenPollingBacksOffAndResumesOnceItIsBack() {
		RecordingHandler handler = RecordingHandler.immediate();
		PollingStack stack = start(handler);
		int before = this.fake.userSendsText(1, "before");
		await().atMost(WAIT).until(() -> handler.handled().contains(before));
		int port = this.fake.port();
		this.fake.close();
		await().atMost(WAIT).until(() -> stack.state() == PollerState.BACKING_OFF);
		long failed = stack.poller.status().failedPolls();
		await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> stack.state() == PollerState.BACKING_OFF);
		// Back-off from 50 ms doubling to 500 ms: a handful of attempts, not a tight
		// loop.
		assertThat(stack.poller.status().failedPolls() - failed).isBetween(2L, 12L);
		FakeTelegram back = FakeTelegram.start(port);
		this.fakes.add(back);
		back.startUpdateIdsAt(before + 1_000);
		int after = back.userSendsText(1, "after");
		await().atMost(Duration.ofSeconds(5)).until(() -> handler.handled().contains(after));
		assertThat(stack.state()).isEqualTo(PollerState.POLLING);
	}

	@Test
	void whenPollingFailsWithDebugLoggingThenNoLogLineShowsTheToken(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("io.tggateway", LogLevel.DEBUG);
		try {
			this.fake.injectFaults("getMe", 1, Fault.BAD_GATEWAY_HTML);
			this.fake.injectFaults("getUpdates", 2, Fault.SERVER_ERROR_JSON);
			this.fake.injectFaults("getUpdates", 2, Fault.DROP_CONNECTION);
			this.fake.injectFaults("getUpdates", 1, Fault.RESPONSE_LOST);
			this.fake.injectFaults("getUpdates", 1, Fault.BAD_GATEWAY_HTML);
			int id = this.fake.userSendsText(1, "hello");
			RecordingHandler handler = RecordingHandler.immediate();
			PollingStack stack = start(handler);
			await().atMost(WAIT).until(() -> handler.handled().contains(id));
			this.fake.revokeToken();
			await().atMost(WAIT).until(() -> stack.state() == PollerState.UNAUTHORIZED);
			stack.close();
			assertThat(output.getAll()).contains("DEBUG").contains("Polling failed 2 times in a row");
			assertThat(output.getAll()).doesNotContain(SECRET);
		}
		finally {
			logging.setLogLevel("io.tggateway", null);
		}
	}

	private PollingStack start(RecordingHandler handler) {
		return start(handler, PollingStack.QUICK_POLLS);
	}

	private PollingStack start(RecordingHandler handler, PollerProperties polling) {
		PollingStack stack = new PollingStack(this.fake.baseUrl(), handler, PollingStack.ROOMY, polling);
		this.stacks.add(stack);
		return stack.start();
	}

	private static List<String> errorLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("ERROR")).toList();
	}

	/**
	 * Another process polling with the same token: a loop of raw long polls, each of
	 * which ends the poll held before it (Telegram answers the older one 409).
	 */
	private static final class ForeignPoller implements AutoCloseable {

		private static final MediaType JSON = MediaType.get("application/json");

		private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
			.readTimeout(Duration.ofSeconds(5))
			.build();

		private final AtomicBoolean stopped = new AtomicBoolean();

		private final AtomicReference<@Nullable Call> current = new AtomicReference<>();

		private final Thread thread;

		private final AtomicInteger polls = new AtomicInteger();

		ForeignPoller(FakeTelegram fake) {
			Request request = new Request.Builder().url(fake.baseUrl() + "/bot" + FakeTelegram.TOKEN + "/getUpdates")
				.post(RequestBody.create("{\"timeout\":2,\"limit\":1}", JSON))
				.build();
			this.thread = Thread.ofVirtual().name("foreign-poller").start(() -> {
				while (!this.stopped.get()) {
					Call call = this.http.newCall(request);
					this.current.set(call);
					try (Response response = call.execute()) {
						if (response.code() == 409 || response.isSuccessful()) {
							this.polls.incrementAndGet();
						}
					}
					catch (IOException ex) {
						// Cancelled on close, or the fake closed.
					}
				}
			});
		}

		int polls() {
			return this.polls.get();
		}

		@Override
		public void close() {
			this.stopped.set(true);
			Call call = this.current.get();
			if (call != null) {
				call.cancel();
			}
			try {
				this.thread.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.http.dispatcher().executorService().shutdown();
			this.http.connectionPool().evictAll();
		}

	}

}
