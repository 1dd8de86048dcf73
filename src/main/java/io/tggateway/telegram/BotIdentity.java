package io.tggateway.telegram;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.meta.api.objects.User;

import io.tggateway.lifecycle.Backoff;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.lifecycle.StopSignal;
import io.tggateway.telegram.TelegramFailure.Unauthorized;

/**
 * Who the bot is ({@code getMe}), fetched in the background at startup and retried with
 * back-off until Telegram answers. Command routing needs the username (for
 * {@code /help@bot_name}), deep links need it, and readiness waits for it. A rejected
 * token ends the attempts and is reported as {@link State#UNAUTHORIZED}.
 */
public final class BotIdentity implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BotIdentity.class);

	private final BotApiClient api;

	private final Backoff backoff;

	private final CountDownLatch resolved = new CountDownLatch(1);

	/** Guards start and stop; never held while calling Telegram. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile State state = State.CONNECTING;

	private volatile @Nullable User bot;

	private volatile @Nullable String lastError;

	private @Nullable StopSignal stopSignal;

	private volatile @Nullable Thread worker;

	/**
	 * Creates the identity holder; {@link #start()} begins fetching.
	 * @param api the Bot API
	 * @param backoff the waits between failed attempts
	 */
	public BotIdentity(BotApiClient api, Backoff backoff) {
		this.api = api;
		this.backoff = backoff;
	}

	/**
	 * The bot's user, once known.
	 * @return the bot, or empty while connecting or after the token was rejected
	 */
	public Optional<User> bot() {
		return Optional.ofNullable(this.bot);
	}

	/**
	 * The bot's username without {@code @}, once known.
	 * @return the username, or empty
	 */
	public Optional<String> username() {
		return bot().map(User::getUserName);
	}

	/**
	 * Where fetching the identity stands.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * The last error met while fetching the identity.
	 * @return the error's description, or empty
	 */
	public Optional<String> lastError() {
		return Optional.ofNullable(this.lastError);
	}

	/**
	 * Waits until the identity is known or the token was rejected.
	 * @param timeout the longest wait
	 * @return the state at the end of the wait
	 */
	public State awaitResolved(Duration timeout) {
		try {
			this.resolved.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.state;
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.worker != null || this.state != State.CONNECTING) {
				return;
			}
			StopSignal signal = new StopSignal();
			this.stopSignal = signal;
			this.worker = Thread.ofVirtual().name("tg-identity").start(() -> fetch(signal));
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void fetch(StopSignal signal) {
		for (int attempt = 1; !signal.isStopped(); attempt++) {
			try {
				User me = this.api.getMe();
				this.bot = me;
				this.lastError = null;
				this.state = State.KNOWN;
				this.resolved.countDown();
				logger.info("Connected to Telegram as @{} (bot id {})", me.getUserName(), me.getId());
				return;
			}
			catch (TelegramCallException ex) {
				this.lastError = ex.getMessage();
				if (ex.failure() instanceof Unauthorized) {
					this.state = State.UNAUTHORIZED;
					this.resolved.countDown();
					logger.error(
							"Telegram rejected the bot token ({}). Check gateway.telegram.token "
									+ "(GATEWAY_TELEGRAM_TOKEN): it may be mistyped or revoked in @BotFather. "
									+ "The bot stays offline until the service is restarted with a valid token.",
							ex.failure().description());
					return;
				}
				Duration delay = this.backoff.delay(attempt);
				if (attempt == 1) {
					logger.warn("Cannot reach Telegram to learn the bot's identity ({}); retrying with back-off",
							ex.getMessage());
				}
				else {
					logger.debug("getMe attempt {} failed ({}); next in {}", attempt, ex.getMessage(), delay);
				}
				signal.sleep(delay);
			}
		}
	}

	@Override
	public void stop() {
		this.lifecycleLock.lock();
		try {
			if (this.stopSignal != null) {
				this.stopSignal.stop();
			}
			this.stopSignal = null;
			this.worker = null;
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.TELEGRAM_TASKS;
	}

	/**
	 * Where fetching the identity stands.
	 */
	public enum State {

		/** Not known yet: Telegram has not answered {@code getMe}. */
		CONNECTING,
		/** Known. */
		KNOWN,
		/** Telegram rejected the token; no further attempts. */
		UNAUTHORIZED

	}

}
