package io.tggateway.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;

/**
 * The one send path for everything the bot sends. Every message takes its chat's and the
 * bot's send budget from the {@link SendRateLimiter} (interactive replies ahead of bulk
 * notifications), and a 429 pauses every send of the bot for {@code retry_after}
 * (Telegram's flood control is per bot).
 * <ul>
 * <li>{@link #send} is for handlers replying to people: synchronous, it retries transient
 * failures a few times with back-off. A retry after a timeout may duplicate the reply:
 * Telegram has no idempotency keys, and a reply that arrives twice beats one that never
 * arrives. Other failures (blocked, chat not found, bad request) are thrown at once.</li>
 * <li>{@link #sendOnce} is for the delivery engine, which takes the chat budget itself
 * and schedules its own retries.</li>
 * </ul>
 */
public final class TelegramSender {

	private static final Logger logger = LoggerFactory.getLogger(TelegramSender.class);

	private static final int MAX_ATTEMPTS = 4;

	private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

	private final BotApiClient api;

	private final SendRateLimiter limiter;

	private final Backoff backoff;

	/** {@link System#nanoTime()} until which Telegram asked the bot not to send. */
	private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

	private final LongAdder sent = new LongAdder();

	private final LongAdder tooManyRequests = new LongAdder();

	private volatile @Nullable SendTimers timers;

	TelegramSender(BotApiClient api, SendRateLimiter limiter, Backoff backoff) {
		this.api = api;
		this.limiter = limiter;
		this.backoff = backoff;
	}

	/**
	 * Sends a message, waiting for its chat's and the bot's budget, retrying transient
	 * failures.
	 * @param message the message (its chat id must be numeric)
	 * @param priority how urgent it is
	 * @return the message as Telegram stored it
	 * @throws TelegramCallException the failure that ended the attempts
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public Message send(SendMessage message, SendPriority priority) throws TelegramCallException, InterruptedException {
		long chatId = Long.parseLong(message.getChatId());
		for (int attempt = 1;; attempt++) {
			long waitStarted = System.nanoTime();
			this.limiter.acquireChat(chatId);
			try {
				return attempt(message, priority, waitStarted);
			}
			catch (TelegramCallException ex) {
				if (attempt >= MAX_ATTEMPTS || !isWorthRetrying(ex.failure())) {
					throw ex;
				}
				if (ex.failure() instanceof TelegramFailure.Transient failure) {
					logger.debug("Send attempt {} failed ({}), retrying", attempt, failure.description());
					TimeUnit.NANOSECONDS.sleep(this.backoff.delay(attempt).toNanos());
				}
			}
		}
	}

	/**
	 * Makes one attempt: waits out a 429 pause, takes the bot's budget (not the chat's:
	 * the caller takes it), and counts the send in the send windows while it is under
	 * way.
	 * @param message the message (its chat id must be numeric)
	 * @param priority how urgent it is
	 * @return the message as Telegram stored it
	 * @throws TelegramCallException if the attempt failed; a 429 has paused all sends
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	Message sendOnce(SendMessage message, SendPriority priority) throws TelegramCallException, InterruptedException {
		return attempt(message, priority, System.nanoTime());
	}

	/**
	 * One attempt, timed: the wait for the budgets since {@code waitStarted}, then the
	 * Bot API call.
	 */
	private Message attempt(SendMessage message, SendPriority priority, long waitStarted)
			throws TelegramCallException, InterruptedException {
		long chatId = Long.parseLong(message.getChatId());
		// Wait out a 429 before taking the bot's budget, and give up a send taken while
		// a pause began: senders that took theirs and then waited would otherwise all
		// go at once when the pause ends, and earn the next 429.
		do {
			awaitPause();
			this.limiter.acquireGlobal(priority);
		}
		while (isPaused());
		this.limiter.enterWindows(chatId);
		SendTimers timers = this.timers;
		long sendStarted = System.nanoTime();
		if (timers != null) {
			timers.limiterWait().record(sendStarted - waitStarted, TimeUnit.NANOSECONDS);
		}
		try {
			Message result = this.api.execute(message);
			this.sent.increment();
			return result;
		}
		catch (TelegramCallException ex) {
			if (ex.failure() instanceof TelegramFailure.RetryAfter retry) {
				pause(retry.retryAfter());
			}
			throw ex;
		}
		finally {
			if (timers != null) {
				timers.sendDuration().record(System.nanoTime() - sendStarted, TimeUnit.NANOSECONDS);
			}
			this.limiter.leaveWindows(chatId);
		}
	}

	/**
	 * How many messages were sent, and how often Telegram answered 429.
	 * @return the counts
	 */
	public SenderStats stats() {
		return new SenderStats(this.sent.sum(), this.tooManyRequests.sum());
	}

	/**
	 * Starts timing sends.
	 * @param timers where to record the waits and the Bot API calls
	 */
	void timers(SendTimers timers) {
		this.timers = timers;
	}

	/**
	 * How long every send stays paused because Telegram answered 429.
	 * @return the time left, {@link Duration#ZERO} when not paused
	 */
	public Duration pausedFor() {
		long left = this.pausedUntil.get() - System.nanoTime();
		return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

	private static boolean isWorthRetrying(TelegramFailure failure) {
		return failure instanceof TelegramFailure.RetryAfter || failure instanceof TelegramFailure.Transient;
	}

	private void pause(Duration retryAfter) {
		this.tooManyRequests.increment();
		Duration pause = (retryAfter.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE : retryAfter;
		long until = System.nanoTime() + pause.toNanos();
		this.pausedUntil.accumulateAndGet(until, (current, proposed) -> (proposed - current > 0) ? proposed : current);
		logger.warn("Telegram flood control: all sends paused for {} s (429 retry_after)", pause.toSeconds());
	}

	private boolean isPaused() {
		return this.pausedUntil.get() - System.nanoTime() > 0;
	}

	private void awaitPause() throws InterruptedException {
		long wait = this.pausedUntil.get() - System.nanoTime();
		if (wait > 0) {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
	}

	/**
	 * The sender's counters.
	 *
	 * @param sent messages Telegram accepted
	 * @param tooManyRequests 429 answers received
	 */
	public record SenderStats(long sent, long tooManyRequests) {
	}

	/**
	 * Where the sender's per-send measurements go.
	 *
	 * @param limiterWait how long a send waited for the send limits (and a 429 pause)
	 * @param sendDuration how long the Bot API call took
	 */
	record SendTimers(Timer limiterWait, Timer sendDuration) {
	}

}
