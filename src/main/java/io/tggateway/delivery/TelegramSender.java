package io.tggateway.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;

/**
 * Sends messages for the whole service, synchronously: the caller gets Telegram's message
 * or the failure that ended the attempts.
 * <ul>
 * <li>A 429 pauses every send of the bot for {@code retry_after} (Telegram's flood
 * control is per bot), then the message is tried again.</li>
 * <li>A transient failure (network, 5xx, timeout) is retried with back-off, a bounded
 * number of times. A retry after a timeout may duplicate the message: Telegram has no
 * idempotency keys, and a reply that arrives twice beats one that never arrives.</li>
 * <li>Any other failure (blocked, chat not found, bad request) is final and thrown at
 * once.</li>
 * </ul>
 */
public final class TelegramSender {

	private static final Logger logger = LoggerFactory.getLogger(TelegramSender.class);

	private static final int MAX_ATTEMPTS = 4;

	private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

	private final BotApiClient api;

	private final Backoff backoff;

	/** {@link System#nanoTime()} until which Telegram asked the bot not to send. */
	private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());

	private final LongAdder sent = new LongAdder();

	private final LongAdder tooManyRequests = new LongAdder();

	TelegramSender(BotApiClient api, Backoff backoff) {
		this.api = api;
		this.backoff = backoff;
	}

	/**
	 * Sends a message.
	 * @param message the message
	 * @param priority how urgent it is
	 * @return the message as Telegram stored it
	 * @throws TelegramCallException the failure that ended the attempts
	 * @throws InterruptedException if the thread was interrupted while waiting to retry
	 */
	public Message send(SendMessage message, SendPriority priority) throws TelegramCallException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			awaitPause();
			try {
				Message result = this.api.execute(message);
				this.sent.increment();
				return result;
			}
			catch (TelegramCallException ex) {
				if (attempt >= MAX_ATTEMPTS) {
					throw ex;
				}
				switch (ex.failure()) {
					case TelegramFailure.RetryAfter retry -> pause(retry.retryAfter());
					case TelegramFailure.Transient failure -> {
						logger.debug("Send attempt {} failed ({}), retrying", attempt, failure.description());
						TimeUnit.NANOSECONDS.sleep(this.backoff.delay(attempt).toNanos());
					}
					default -> throw ex;
				}
			}
		}
	}

	/**
	 * How many messages were sent, and how often Telegram answered 429.
	 * @return the counts
	 */
	public SenderStats stats() {
		return new SenderStats(this.sent.sum(), this.tooManyRequests.sum());
	}

	private void pause(Duration retryAfter) {
		this.tooManyRequests.increment();
		Duration pause = (retryAfter.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE : retryAfter;
		long until = System.nanoTime() + pause.toNanos();
		this.pausedUntil.accumulateAndGet(until, (current, proposed) -> (proposed - current > 0) ? proposed : current);
		logger.warn("Telegram flood control: all sends paused for {} s (429 retry_after)", pause.toSeconds());
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

}
