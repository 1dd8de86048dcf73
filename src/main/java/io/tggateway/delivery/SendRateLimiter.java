package io.tggateway.delivery;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Telegram's send limits as token buckets (Bucket4j): one for the whole bot, one per chat
 * (private chats and groups have different limits).
 * <p>
 * Telegram counts messages in sliding windows ("30 per second", "20 per minute in a
 * group"). A bucket that refills at exactly that rate can still put one message too many
 * into some window once network jitter moves arrivals together, so the buckets refill at
 * {@value #HEADROOM} of the configured rates, and the bot-wide and group buckets hold a
 * single token (pacing rather than bursts).
 * <p>
 * Interactive replies go first: a bulk sender takes a bot-wide token only while no
 * interactive sender waits for one, and interactive senders reserve theirs ahead.
 */
public final class SendRateLimiter {

	/**
	 * The share of each configured rate the buckets refill at.
	 */
	static final double HEADROOM = 0.97;

	private static final int MAX_CHAT_BUCKETS = 100_000;

	private static final long BULK_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final DeliveryProperties.Limits limits;

	private final Bucket global;

	private final ConcurrentHashMap<Long, Bucket> chats = new ConcurrentHashMap<>();

	private final AtomicInteger interactiveWaiting = new AtomicInteger();

	private final LongAdder waitedNanos = new LongAdder();

	SendRateLimiter(DeliveryProperties.Limits limits) {
		this.limits = limits;
		this.global = Bucket.builder().addLimit(pacing(1, limits.globalPerSecond(), Duration.ofSeconds(1))).build();
	}

	/**
	 * Takes a send from a chat's budget if it has one now.
	 * @param chatId the chat
	 * @return {@link Duration#ZERO} if taken, else how long until the chat may receive
	 * again
	 */
	public Duration tryAcquireChat(long chatId) {
		if (!this.limits.enabled()) {
			return Duration.ZERO;
		}
		ConsumptionProbe probe = chatBucket(chatId).tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/**
	 * Takes a send from a chat's budget, waiting as long as needed.
	 * @param chatId the chat
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void acquireChat(long chatId) throws InterruptedException {
		if (this.limits.enabled()) {
			long started = System.nanoTime();
			chatBucket(chatId).asBlocking().consume(1);
			this.waitedNanos.add(System.nanoTime() - started);
		}
	}

	/**
	 * Takes a send from the bot-wide budget, waiting as long as needed; interactive
	 * senders are served before bulk ones.
	 * @param priority how urgent the send is
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void acquireGlobal(SendPriority priority) throws InterruptedException {
		if (!this.limits.enabled()) {
			return;
		}
		long started = System.nanoTime();
		try {
			if (priority == SendPriority.INTERACTIVE) {
				this.interactiveWaiting.incrementAndGet();
				try {
					this.global.asBlocking().consume(1);
				}
				finally {
					this.interactiveWaiting.decrementAndGet();
				}
				return;
			}
			while (true) {
				if (this.interactiveWaiting.get() == 0) {
					ConsumptionProbe probe = this.global.tryConsumeAndReturnRemaining(1);
					if (probe.isConsumed()) {
						return;
					}
					TimeUnit.NANOSECONDS.sleep(Math.max(probe.getNanosToWaitForRefill(), BULK_RECHECK_NANOS));
				}
				else {
					TimeUnit.NANOSECONDS.sleep(BULK_RECHECK_NANOS);
				}
			}
		}
		finally {
			this.waitedNanos.add(System.nanoTime() - started);
		}
	}

	/**
	 * The total time senders spent waiting for budget.
	 * @return the waited time
	 */
	public Duration waited() {
		return Duration.ofNanos(this.waitedNanos.sum());
	}

	/**
	 * Forgets chat buckets that are full again, so that memory follows the chats sent to
	 * recently.
	 */
	void forgetIdleChats() {
		this.chats.entrySet().removeIf((entry) -> entry.getValue().getAvailableTokens() >= capacityFor(entry.getKey()));
	}

	private Bucket chatBucket(long chatId) {
		Bucket bucket = this.chats.get(chatId);
		if (bucket != null) {
			return bucket;
		}
		if (this.chats.size() >= MAX_CHAT_BUCKETS) {
			forgetIdleChats();
		}
		return this.chats.computeIfAbsent(chatId, this::newChatBucket);
	}

	private Bucket newChatBucket(long chatId) {
		Bandwidth limit = (chatId < 0)
				? pacing(capacityFor(chatId), this.limits.groupPerMinute(), Duration.ofMinutes(1))
				: pacing(capacityFor(chatId), this.limits.chatPerSecond(), Duration.ofSeconds(1));
		return Bucket.builder().addLimit(limit).build();
	}

	private long capacityFor(long chatId) {
		return (chatId < 0) ? 1 : this.limits.chatBurst();
	}

	/**
	 * A bandwidth of the given capacity that refills {@code count} tokens per
	 * {@code period}, slowed down by {@link #HEADROOM}, one token at a time.
	 */
	private static Bandwidth pacing(long capacity, long count, Duration period) {
		long nanosPerToken = (long) (period.toNanos() / (count * HEADROOM));
		return Bandwidth.builder()
			.capacity(capacity)
			.refillGreedy(1, Duration.ofNanos(nanosPerToken))
			.initialTokens(capacity)
			.build();
	}

}
