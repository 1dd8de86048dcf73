package io.tggateway.poller;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.dispatch.DispatchListener;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;
import io.tggateway.telegram.BotToken;
import io.tggateway.telegram.TelegramProperties;

/**
 * What the poller works with, wired as the application wires it (Bot API client, bot
 * identity, a real dispatcher, the memory inbox, the poller) against one Bot API URL,
 * with short timeouts and back-offs. {@link #close()} stops them in the application's
 * order: poller, dispatcher, identity, client.
 */
final class PollingStack implements AutoCloseable {

	/** Polls of 1 s, back-off from 50 ms to 500 ms. */
	static final PollerProperties QUICK_POLLS = polls(Duration.ofSeconds(1), Duration.ofMillis(500));

	/** Room for far more updates than a test sends. */
	static final DispatchProperties ROOMY = new DispatchProperties(16, 1_000, 100, Duration.ofSeconds(20));

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

	final BotApiClient api;

	final BotIdentity identity;

	final UpdateDispatcher dispatcher;

	final UpdatePoller poller;

	PollingStack(String apiUrl, UpdateHandler handler) {
		this(apiUrl, handler, ROOMY, QUICK_POLLS);
	}

	PollingStack(String apiUrl, UpdateHandler handler, DispatchProperties dispatch, PollerProperties polling) {
		this(apiUrl, handler, dispatch, polling, DRAIN_TIMEOUT);
	}

	PollingStack(String apiUrl, UpdateHandler handler, DispatchProperties dispatch, PollerProperties polling,
			Duration drainTimeout) {
		this.api = BotApiClient.create(new TelegramProperties(new BotToken(FakeTelegram.TOKEN), URI.create(apiUrl),
				Duration.ofSeconds(2), Duration.ofSeconds(5), 64));
		this.identity = new BotIdentity(this.api, new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)));
		this.dispatcher = new UpdateDispatcher(handler, DispatchListener.NONE, dispatch, drainTimeout);
		this.poller = new UpdatePoller(this.api, this.identity, this.dispatcher, new MemoryUpdateInbox(), polling,
				true);
	}

	/**
	 * Poller settings with the given poll timeout and back-off cap, back-off from 50 ms.
	 */
	static PollerProperties polls(Duration timeout, Duration backoffMax) {
		return new PollerProperties(timeout, 100, List.of(), Duration.ofMillis(50), backoffMax, Duration.ofDays(1));
	}

	/** Starts everything in the application's order; the poller last. */
	PollingStack start() {
		this.api.start();
		this.identity.start();
		this.dispatcher.start();
		this.poller.start();
		return this;
	}

	PollerState state() {
		return this.poller.status().state();
	}

	@Override
	public void close() {
		this.poller.stop();
		this.dispatcher.stop();
		this.poller.confirmFinalOffset();
		this.identity.stop();
		this.api.stop();
	}

}
