package io.tggateway.delivery;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Telegram's send limits as token buckets (Bucket4j): one for the whole bot, one per chat
 * (private chats and groups have different limits).
 * <p>
 * Telegram counts messages in sliding windows ("30 per second", "20 per minute in a
 * group"). The buckets refill at {@value #HEADROOM} of the configured rates, and the
 * bot-wide and group buckets hold a single token, so that sends are paced rather than
 * bursty. Pacing alone still lets a request that was held up on its way (a busy CPU, a
 * garbage collection, a new connection) arrive together with the next second's sends, one
 * message too many for Telegram's window; so the bot-wide and the group limits are also
 * kept as {@link SendWindow}s, which count a send until a full window after its answer.
 * The windows rarely hold a send back; when they do, they are why no 429 comes.
 * <p>
 * Interactive replies go first: a bulk sender takes a bot-wide token only while no
 * interactive sender waits for one, and reserves it at most one token ahead, while
 * interactive senders reserve theirs at once, behind one bulk send at most.
 */
public final class SendRateLimiter {

	/**
	 * The share of each configured rate the buckets refill at.
	 */
	static final double HEADROOM = 0.97;

	private static final int MAX_CHAT_BUCKETS = 100_000;

	private static final long BULK_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final DeliveryProperties.Limits limits;

	private final Bucket global;

	/** How often the bot-wide bucket gains a token. */
	private final long globalIntervalNanos;

	private final ConcurrentHashMap<Long, Bucket> chats = new ConcurrentHashMap<>();

	private final SendWindow globalWindow;

	private final ConcurrentHashMap<Long, SendWindow> groupWindows = new ConcurrentHashMap<>();

	private final LongSupplier nanoTime;

	private final AtomicInteger interactiveWaiting = new AtomicInteger();

	private final LongAdder waitedNanos = new LongAdder();

	SendRateLimiter(DeliveryProperties.Limits limits) {
		this(limits, System::nanoTime);
	}

	SendRateLimiter(DeliveryProperties.Limits limits, LongSupplier nanoTime) {
		this.limits = limits;
		this.nanoTime = nanoTime;
		this.globalIntervalNanos = nanosPerToken(limits.globalPerSecond(), Duration.ofSeconds(1));
		this.global = Bucket.builder().addLimit(pacing(1, limits.globalPerSecond(), Duration.ofSeconds(1))).build();
		this.globalWindow = new SendWindow(limits.globalPerSecond(), SECOND_NANOS, nanoTime);
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
		if (chatId < 0) {
			long untilRoom = groupWindow(chatId).nanosUntilRoom();
			if (untilRoom > 0) {
				return Duration.ofNanos(untilRoom);
			}
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
					// Reserve the next send up to one interval ahead: the bucket holds
					// one
					// token, so a sender that woke late for a token it merely polled for
					// would slow the pace for good. Never further ahead, so that an
					// interactive reply waits behind one bulk send at most.
					long untilToken = this.global.estimateAbilityToConsume(1).getNanosToWaitForRefill();
					if (untilToken <= this.globalIntervalNanos
							&& this.global.asBlocking().tryConsume(1, Duration.ofNanos(this.globalIntervalNanos))) {
						return;
					}
					TimeUnit.NANOSECONDS.sleep(Math.max(untilToken - this.globalIntervalNanos, BULK_RECHECK_NANOS));
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
	 * Counts a send that starts now in the bot's window and, for a group, in the group's,
	 * waiting until both have room; call {@link #leaveWindows} when its answer (or
	 * failure) arrives. Call it after the budgets are taken, right before the request.
	 * @param chatId the chat
	 * @throws InterruptedException if interrupted while waiting; nothing is counted
	 */
	void enterWindows(long chatId) throws InterruptedException {
		if (!this.limits.enabled()) {
			return;
		}
		long started = this.nanoTime.getAsLong();
		// The group first: waiting for it must not hold a place in the bot's window.
		SendWindow group = (chatId < 0) ? groupWindow(chatId) : null;
		if (group != null) {
			group.enter();
		}
		try {
			this.globalWindow.enter();
		}
		catch (InterruptedException ex) {
			if (group != null) {
				group.cancel();
			}
			throw ex;
		}
		finally {
			this.waitedNanos.add(this.nanoTime.getAsLong() - started);
		}
	}

	/**
	 * Ends a send counted by {@link #enterWindows}.
	 * @param chatId the chat
	 */
	void leaveWindows(long chatId) {
		if (!this.limits.enabled()) {
			return;
		}
		this.globalWindow.leave();
		if (chatId < 0) {
			groupWindow(chatId).leave();
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
	 * The limiter's state now, for the ops endpoint.
	 * @return whether limits apply, the bot-wide tokens available, the chats tracked
	 */
	public LimiterState state() {
		return new LimiterState(this.limits.enabled(), this.global.getAvailableTokens(), this.chats.size(),
				this.groupWindows.size(), waited());
	}

	/**
	 * Forgets chat buckets that are full again, so that memory follows the chats sent to
	 * recently.
	 */
	void forgetIdleChats() {
		this.chats.entrySet().removeIf((entry) -> entry.getValue().getAvailableTokens() >= capacityFor(entry.getKey()));
		this.groupWindows.values().removeIf(SendWindow::isIdle);
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

	private SendWindow groupWindow(long chatId) {
		SendWindow window = this.groupWindows.get(chatId);
		if (window != null) {
			return window;
		}
		if (this.groupWindows.size() >= MAX_CHAT_BUCKETS) {
			this.groupWindows.values().removeIf(SendWindow::isIdle);
		}
		return this.groupWindows.computeIfAbsent(chatId,
				(id) -> new SendWindow(this.limits.groupPerMinute(), MINUTE_NANOS, this.nanoTime));
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

	private static long nanosPerToken(long count, Duration period) {
		return (long) (period.toNanos() / (count * HEADROOM));
	}

	/**
	 * A bandwidth of the given capacity that refills {@code count} tokens per
	 * {@code period}, slowed down by {@link #HEADROOM}, one token at a time.
	 */
	private static Bandwidth pacing(long capacity, long count, Duration period) {
		return Bandwidth.builder()
			.capacity(capacity)
			.refillGreedy(1, Duration.ofNanos(nanosPerToken(count, period)))
			.initialTokens(capacity)
			.build();
	}

	/**
	 * A snapshot of the limiter.
	 *
	 * @param enabled whether Telegram's limits are applied
	 * @param globalTokens sends the bot-wide bucket allows right now (0 or 1: it paces)
	 * @param chatBuckets chats with a bucket in memory (sent to recently)
	 * @param groupWindows groups with a send window in memory
	 * @param waited the total time senders spent waiting for budget
	 */
	public record LimiterState(boolean enabled, long globalTokens, int chatBuckets, int groupWindows, Duration waited) {
	}

}
