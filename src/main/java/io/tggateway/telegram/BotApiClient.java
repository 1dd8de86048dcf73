package io.tggateway.telegram;

import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.telegram.TelegramFailure.Transient;

/**
 * The Bot API, as the rest of the service sees it: blocking calls that either answer or
 * throw a {@link TelegramCallException} with a classified {@link TelegramFailure}.
 * <p>
 * Two OkHttp clients sit underneath: one for the long poll (its read timeout exceeds the
 * longest poll, and {@link #abortPolls()} can cancel it at once) and one for everything
 * else (a connection pool wide enough for hundreds of concurrent replies). Their calls
 * run on virtual threads, and both are closed when the client stops, last of all
 * components, so no HTTP thread keeps the process alive.
 */
public final class BotApiClient implements SmartLifecycle {

	/**
	 * The longest long poll the Bot API allows.
	 */
	public static final Duration MAX_POLL_TIMEOUT = Duration.ofSeconds(50);

	/**
	 * How much longer than the poll timeout a long poll may take before it counts as
	 * lost.
	 */
	static final Duration POLL_MARGIN = Duration.ofSeconds(15);

	private static final String NO_ANSWER = "no answer within ";

	/**
	 * How many failed calls {@link #recentFailures()} remembers.
	 */
	static final int RECENT_FAILURES = 20;

	private static final Logger logger = LoggerFactory.getLogger(BotApiClient.class);

	private final OkHttpClient pollingHttp;

	private final OkHttpClient sendingHttp;

	private final ExecutorService httpThreads;

	private final OkHttpTelegramClient polling;

	private final OkHttpTelegramClient sending;

	private final FailureClassifier classifier;

	private final Duration callDeadline;

	private final RecentFailures recentFailures = new RecentFailures(RECENT_FAILURES, Clock.systemUTC());

	private volatile boolean running;

	private volatile boolean closed;

	/**
	 * Creates a client with its own HTTP clients, as configured.
	 * @param properties where the Bot API is and how to reach it
	 * @return a client; {@link #stop()} closes it
	 */
	public static BotApiClient create(TelegramProperties properties) {
		return new BotApiClient(TelegramHttp.create(properties), properties.token(), properties.requestTimeout());
	}

	private BotApiClient(TelegramHttp http, BotToken token, Duration requestTimeout) {
		this.pollingHttp = http.polling();
		this.sendingHttp = http.sending();
		this.httpThreads = http.threads();
		this.polling = new OkHttpTelegramClient(http.objectMapper(), this.pollingHttp, token.value(), http.url());
		this.sending = new OkHttpTelegramClient(http.objectMapper(), this.sendingHttp, token.value(), http.url());
		this.classifier = new FailureClassifier(token);
		this.callDeadline = requestTimeout.plus(http.connectTimeout()).plusSeconds(5);
	}

	/**
	 * {@code getMe}: who the bot is.
	 * @return the bot's user
	 * @throws TelegramCallException if the call failed
	 */
	public User getMe() throws TelegramCallException {
		return execute(new GetMe());
	}

	/**
	 * {@code getWebhookInfo}.
	 * @return the webhook state; an empty URL means no webhook is set
	 * @throws TelegramCallException if the call failed
	 */
	public WebhookInfo getWebhookInfo() throws TelegramCallException {
		return execute(new GetWebhookInfo());
	}

	/**
	 * {@code deleteWebhook} keeping the pending updates, so that polling can take over
	 * without losing any.
	 * @throws TelegramCallException if the call failed
	 */
	public void deleteWebhook() throws TelegramCallException {
		execute(DeleteWebhook.builder().dropPendingUpdates(false).build());
	}

	/**
	 * {@code getUpdates}: a long poll on the polling connection. Calling it confirms
	 * every update below {@code offset}.
	 * @param offset the first update id wanted (confirms all below it)
	 * @param limit at most this many updates (1 to 100)
	 * @param timeout how long Telegram may hold the poll when nothing is pending
	 * @param allowedUpdates the update types wanted; empty for Telegram's default set
	 * @return the updates
	 * @throws TelegramCallException if the call failed or was aborted
	 */
	public UpdateBatch getUpdates(int offset, int limit, Duration timeout, List<String> allowedUpdates)
			throws TelegramCallException {
		ReadUpdates method = new ReadUpdates(offset, limit, (int) timeout.toSeconds(), allowedUpdates);
		try {
			return await(method.getMethod(), submit(this.polling, method), timeout.plus(POLL_MARGIN));
		}
		catch (TelegramCallException ex) {
			if (ex.failure() instanceof Transient failure && failure.description().startsWith(NO_ANSWER)) {
				// The poll hangs: end the HTTP call too, not just the wait for it.
				abortPolls();
			}
			throw ex;
		}
	}

	/**
	 * The last failed calls, newest first (at most {@value #RECENT_FAILURES}).
	 * @return the failures, without the token
	 */
	public List<RecordedFailure> recentFailures() {
		return this.recentFailures.newestFirst();
	}

	/**
	 * Aborts the long poll under way, if any: its caller gets a failure at once. An
	 * aborted poll confirms nothing new.
	 */
	public void abortPolls() {
		this.pollingHttp.dispatcher().cancelAll();
	}

	/**
	 * Executes any Bot API method on the sending connections.
	 * @param <T> the result type
	 * @param method the method
	 * @return Telegram's answer
	 * @throws TelegramCallException if the call failed
	 */
	public <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramCallException {
		return await(method.getMethod(), submit(this.sending, method), this.callDeadline);
	}

	private <T extends Serializable> CompletableFuture<T> submit(OkHttpTelegramClient client, BotApiMethod<T> method) {
		if (this.closed) {
			return CompletableFuture.failedFuture(new ClientClosedException());
		}
		try {
			return client.executeAsync(method);
		}
		catch (TelegramApiException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private <T> T await(String method, CompletableFuture<T> answer, Duration deadline) throws TelegramCallException {
		try {
			return awaitAnswer(method, answer, deadline);
		}
		catch (TelegramCallException ex) {
			this.recentFailures.record(ex);
			throw ex;
		}
	}

	private <T> T awaitAnswer(String method, CompletableFuture<T> answer, Duration deadline)
			throws TelegramCallException {
		try {
			return answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TelegramCallException(method, new Transient("interrupted while waiting", true));
		}
		catch (TimeoutException ex) {
			throw new TelegramCallException(method, new Transient(NO_ANSWER + deadline, true));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ClientClosedException) {
				throw new TelegramCallException(method, new Transient("the Telegram client is closed", false));
			}
			throw this.classifier.classify(method, ex);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.closed = true;
		this.pollingHttp.dispatcher().cancelAll();
		this.sendingHttp.dispatcher().cancelAll();
		this.httpThreads.shutdown();
		this.pollingHttp.connectionPool().evictAll();
		this.sendingHttp.connectionPool().evictAll();
		logger.debug("Telegram client closed");
	}

	/**
	 * Thrown into a call made after the client was closed: nothing was sent.
	 */
	private static final class ClientClosedException extends IllegalStateException {

		@Serial
		private static final long serialVersionUID = 1L;

		ClientClosedException() {
			super("the Telegram client is closed", null);
		}

	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.TELEGRAM_CLIENT;
	}

}
