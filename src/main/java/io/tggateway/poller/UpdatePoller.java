package io.tggateway.poller;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.lifecycle.StopSignal;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;
import io.tggateway.telegram.UpdateBatch;

/**
 * Fetches updates from Telegram with {@code getUpdates} long polls, on one thread named
 * {@code tg-poller}, and hands them to the {@link UpdateDispatcher}.
 *
 * <h2>How it works</h2> Telegram forgets every update below the {@code offset} of a
 * {@code getUpdates} call the moment the call arrives. So the poller moves the offset
 * past an update only once the update is safe: stored in the {@link UpdateInbox} and
 * accepted by the dispatcher.
 * <ol>
 * <li>Before the first poll it waits for the bot's identity, removes a webhook if one is
 * set (keeping its pending updates), and replays the inbox's unhandled updates.</li>
 * <li>It asks the dispatcher for room first and fetches at most that many updates: when
 * the dispatcher is full the poller holds, it never drops.</li>
 * <li>It stores the batch in the inbox, submits the updates in order and only then
 * advances the offset; the next poll confirms them. Updates the bot cannot read are
 * skipped (and logged), so one odd update never blocks the ones behind it.</li>
 * <li>Failures: 401 stops polling for good (the token is wrong); 409 (another poller or a
 * webhook) and network or 5xx errors back off exponentially with jitter, capped at
 * {@code backoff-max}; 429 waits {@code retry_after}.</li>
 * <li>{@link #stop(Runnable)} aborts the long poll under way at once (an aborted poll
 * confirms nothing), then makes one last {@code getUpdates(offset, limit=1, timeout=0)}
 * so that the next process does not receive the handled updates again.</li>
 * </ol>
 */
public final class UpdatePoller implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(UpdatePoller.class);

	private static final Duration IDENTITY_WAIT = Duration.ofMillis(500);

	private static final Duration STOP_JOIN_STEP = Duration.ofMillis(50);

	private static final Duration STOP_JOIN_LIMIT = Duration.ofSeconds(10);

	private final BotApiClient api;

	private final BotIdentity identity;

	private final PollerProperties properties;

	private final Backoff backoff;

	private final UpdateDispatcher dispatcher;

	private final PollerTracker tracker = new PollerTracker();

	private final UpdateHandOff handOff;

	/** Guards start and stop. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private final boolean autoStartup;

	private volatile boolean running;

	private volatile int offset;

	private volatile int confirmedOffset;

	private @Nullable StopSignal stopSignal;

	private @Nullable Thread thread;

	UpdatePoller(BotApiClient api, BotIdentity identity, UpdateDispatcher dispatcher, UpdateInbox inbox,
			PollerProperties properties, boolean autoStartup) {
		this.api = api;
		this.identity = identity;
		this.dispatcher = dispatcher;
		this.handOff = new UpdateHandOff(dispatcher, inbox, this.tracker);
		this.properties = properties;
		this.backoff = new Backoff(properties.backoffInitial(), properties.backoffMax());
		this.autoStartup = autoStartup;
	}

	/**
	 * The tracker behind {@link #status()}, for metrics to read.
	 * @return the live tracker
	 */
	PollerTracker tracker() {
		return this.tracker;
	}

	/**
	 * The poller's state and counters now.
	 * @return a snapshot
	 */
	public PollerStatus status() {
		return this.tracker.status(this.offset, this.confirmedOffset);
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.running) {
				return;
			}
			StopSignal signal = new StopSignal();
			this.stopSignal = signal;
			this.tracker.starting();
			this.thread = Thread.ofPlatform().name("tg-poller").daemon(true).start(() -> poll(signal));
			this.running = true;
			logger.info("Poller started (long poll {} s, up to {} updates per call)",
					this.properties.timeout().toSeconds(), this.properties.limit());
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void poll(StopSignal signal) {
		if (!prepare(signal)) {
			return;
		}
		// Polling from now on: with nothing pending, the first poll may be held for the
		// whole poll timeout, and the poller must not look like it is still starting.
		this.tracker.state(PollerState.POLLING);
		while (!signal.isStopped()) {
			int room = this.handOff.awaitRoom();
			if (room == 0) {
				continue;
			}
			UpdateBatch batch;
			int requested = this.offset;
			long pollStarted = System.nanoTime();
			try {
				batch = this.api.getUpdates(requested, Math.min(room, this.properties.limit()),
						this.properties.timeout(), this.properties.allowedUpdates());
				this.tracker.pollTook(System.nanoTime() - pollStarted);
			}
			catch (TelegramCallException ex) {
				this.tracker.pollTook(System.nanoTime() - pollStarted);
				if (signal.isStopped() || !recover(ex, signal)) {
					return;
				}
				continue;
			}
			succeeded(requested);
			try {
				this.offset = this.handOff.handOff(batch, requested, signal);
			}
			catch (RuntimeException ex) {
				// The inbox could not store the batch: the offset stays, so it is fetched
				// again.
				int failures = this.tracker.failed("storing updates failed: " + ex.getMessage());
				logger.warn("Could not store fetched updates ({}); fetching them again after a back-off",
						ex.getMessage());
				signal.sleep(this.backoff.delay(failures));
			}
		}
	}

	private boolean prepare(StopSignal signal) {
		PollerState identityState;
		do {
			identityState = switch (this.identity.awaitResolved(IDENTITY_WAIT)) {
				case KNOWN -> PollerState.POLLING;
				case UNAUTHORIZED -> PollerState.UNAUTHORIZED;
				case CONNECTING -> PollerState.STARTING;
			};
		}
		while (identityState == PollerState.STARTING && !signal.isStopped());
		if (identityState == PollerState.UNAUTHORIZED) {
			this.tracker.state(PollerState.UNAUTHORIZED);
			this.tracker.error(this.identity.lastError().orElse("token rejected"));
			return false;
		}
		return !signal.isStopped() && removeWebhook(signal) && replayUnhandled(signal);
	}

	private boolean replayUnhandled(StopSignal signal) {
		for (int attempt = 1; !signal.isStopped(); attempt++) {
			try {
				return this.handOff.replayUnhandled(signal);
			}
			catch (RuntimeException ex) {
				this.tracker.failed("reading stored updates failed: " + ex.getMessage());
				logger.warn("Could not read the stored updates to replay ({}); retrying after a back-off",
						ex.getMessage());
				signal.sleep(this.backoff.delay(attempt));
			}
		}
		return false;
	}

	private boolean removeWebhook(StopSignal signal) {
		while (!signal.isStopped()) {
			try {
				String url = this.api.getWebhookInfo().getUrl();
				if (url != null && !url.isEmpty()) {
					logger.warn("A webhook is set for this bot; removing it so that polling can work "
							+ "(its pending updates are kept)");
					this.api.deleteWebhook();
				}
				return true;
			}
			catch (TelegramCallException ex) {
				if (!recover(ex, signal)) {
					return false;
				}
			}
		}
		return false;
	}

	private void succeeded(int requestedOffset) {
		this.confirmedOffset = requestedOffset;
		int failures = this.tracker.polled();
		if (failures > 0) {
			logger.info("Polling resumed after {} failed attempts", failures);
		}
	}

	/**
	 * Waits as the failure demands.
	 * @return {@code false} if polling must stop for good
	 */
	private boolean recover(TelegramCallException ex, StopSignal signal) {
		TelegramFailure failure = ex.failure();
		int failures = this.tracker.failed(PollOutcome.of(failure), String.valueOf(ex.getMessage()));
		switch (failure) {
			case TelegramFailure.Unauthorized unauthorized -> {
				this.tracker.state(PollerState.UNAUTHORIZED);
				logger.error("Telegram rejected the bot token ({}). Polling has stopped. Check gateway.telegram.token "
						+ "(GATEWAY_TELEGRAM_TOKEN): it may be mistyped or revoked in @BotFather; then restart.",
						unauthorized.description());
				return false;
			}
			case TelegramFailure.Conflict conflict -> {
				if (this.tracker.state() != PollerState.CONFLICT) {
					logger.warn(
							"Telegram answered 409 Conflict ({}): another process polls with this token, or a "
									+ "webhook was set. Retrying with back-off until it goes away.",
							conflict.description());
				}
				this.tracker.state(PollerState.CONFLICT);
				signal.sleep(this.backoff.delay(failures));
			}
			case TelegramFailure.RetryAfter retry -> {
				this.tracker.state(PollerState.BACKING_OFF);
				logger.warn("Telegram asked the poller to wait {} s (429)", retry.retryAfter().toSeconds());
				signal.sleep(retry.retryAfter());
			}
			default -> {
				this.tracker.state(PollerState.BACKING_OFF);
				Duration delay = this.backoff.delay(failures);
				if (failures == 1) {
					logger.warn("Polling failed ({}); retrying with back-off", ex.getMessage());
				}
				else {
					logger.debug("Polling failed {} times in a row ({}); next attempt in {} ms", failures,
							ex.getMessage(), delay.toMillis());
				}
				signal.sleep(delay);
			}
		}
		return true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.lifecycleLock.lock();
		try {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.stopSignal != null) {
				this.stopSignal.stop();
			}
			awaitPollingThread();
			if (this.tracker.state() != PollerState.UNAUTHORIZED) {
				this.tracker.state(PollerState.STOPPED);
			}
			logger.info("Poller stopped at offset {}; it is confirmed once the handled updates are done", this.offset);
		}
		finally {
			this.lifecycleLock.unlock();
			callback.run();
		}
	}

	private void awaitPollingThread() {
		Thread polling = this.thread;
		if (polling == null) {
			return;
		}
		long deadline = System.nanoTime() + STOP_JOIN_LIMIT.toNanos();
		try {
			// Abort repeatedly: the thread may start a new poll right after an abort.
			while (polling.isAlive() && System.nanoTime() - deadline < 0) {
				this.api.abortPolls();
				polling.join(STOP_JOIN_STEP);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (polling.isAlive()) {
			logger.warn("The poller thread did not end within {}; continuing the shutdown without it", STOP_JOIN_LIMIT);
		}
		this.thread = null;
	}

	/**
	 * Tells Telegram which updates were handled: one last
	 * {@code getUpdates(offset, limit=1, timeout=0)} after the poller stopped and the
	 * dispatcher drained. Updates the dispatcher had to drop at its drain deadline are
	 * not confirmed, so Telegram delivers them again. Does nothing while the poller runs,
	 * or if there is nothing new to confirm.
	 */
	public void confirmFinalOffset() {
		if (this.running) {
			return;
		}
		int next = this.offset;
		OptionalInt dropped = this.dispatcher.lowestDroppedUpdateId();
		if (dropped.isPresent() && dropped.getAsInt() < next) {
			next = dropped.getAsInt();
			this.offset = next;
		}
		if (next <= this.confirmedOffset || this.tracker.state() == PollerState.UNAUTHORIZED) {
			return;
		}
		try {
			this.api.getUpdates(next, 1, Duration.ZERO, this.properties.allowedUpdates());
			this.confirmedOffset = next;
			logger.info("Confirmed updates below {} with Telegram", next);
		}
		catch (TelegramCallException ex) {
			logger.warn("Could not confirm updates below {} ({}); the next start receives them again", next,
					ex.getMessage());
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.POLLER;
	}

}
