package io.tggateway.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the users of a range of chats, who each write a numbered message every
 * {@code interval}, on its own thread, until stopped (or 1,000 rounds, or two minutes).
 * <p>
 * It skips a round while more than {@value #MAX_BACKLOG_PER_CHAT} messages per chat wait
 * for their reply (no process running, a takeover under way), so that no chat piles up
 * {@code gateway.dispatch.max-queued-per-chat} (100) updates: the dispatcher refuses
 * those by design.
 */
final class UpdateFeeder {

	private static final int MAX_ROUNDS = 1_000;

	private static final int MAX_BACKLOG_PER_CHAT = 30;

	private static final Duration MAX_TIME = Duration.ofMinutes(2);

	private final FakeTelegram fake;

	private final long firstChat;

	private final int chats;

	private final long intervalNanos;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final AtomicInteger sent = new AtomicInteger();

	/** Written by the feeder thread only; read after it ended. */
	private final Map<Long, List<UserText>> texts = new TreeMap<>();

	private final Thread thread;

	private UpdateFeeder(FakeTelegram fake, long firstChat, int chats, Duration interval) {
		this.fake = fake;
		this.firstChat = firstChat;
		this.chats = chats;
		this.intervalNanos = interval.toNanos();
		this.thread = Thread.ofPlatform().name("test-feeder").daemon(true).unstarted(this::feed);
	}

	/**
	 * Starts writing.
	 * @param fake the fake Bot API
	 * @param firstChat the first chat's id
	 * @param chats how many chats, from {@code firstChat} on
	 * @param interval the time between two messages of one chat
	 * @return the running feeder
	 */
	static UpdateFeeder start(FakeTelegram fake, long firstChat, int chats, Duration interval) {
		UpdateFeeder feeder = new UpdateFeeder(fake, firstChat, chats, interval);
		feeder.thread.start();
		return feeder;
	}

	private void feed() {
		long deadline = System.nanoTime() + MAX_TIME.toNanos();
		long next = System.nanoTime();
		int seq = 0;
		for (int round = 0; round < MAX_ROUNDS && !this.stopped.get() && System.nanoTime() - deadline < 0; round++) {
			if (this.sent.get() - replies() < MAX_BACKLOG_PER_CHAT * this.chats) {
				for (long chat = this.firstChat; chat < this.firstChat + this.chats; chat++) {
					String text = "chat " + chat + " #" + seq;
					int updateId = this.fake.userSendsText(chat, text);
					this.texts.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(new UserText(updateId, text));
					this.sent.incrementAndGet();
				}
				seq++;
			}
			next += this.intervalNanos;
			LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
		}
	}

	/**
	 * How many messages the bot sent to the feeder's chats.
	 * @return the count, duplicates included
	 */
	int replies() {
		int replies = 0;
		for (SentMessage message : this.fake.sentMessages()) {
			if (message.chatId() >= this.firstChat && message.chatId() < this.firstChat + this.chats) {
				replies++;
			}
		}
		return replies;
	}

	/**
	 * How many messages the users wrote so far.
	 * @return the count
	 */
	int sent() {
		return this.sent.get();
	}

	/**
	 * Stops writing and waits (bounded) for the thread to end.
	 */
	void stop() {
		this.stopped.set(true);
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(this.thread.isAlive()).as("feeder still running").isFalse();
	}

	/**
	 * What each chat's user wrote, in order; call after {@link #stop()}.
	 * @return the messages by chat
	 */
	Map<Long, List<UserText>> textsByChat() {
		return this.texts;
	}

	/**
	 * The texts each chat's user wrote, in order; call after {@link #stop()}.
	 * @return the texts by chat
	 */
	Map<Long, List<String>> plainTextsByChat() {
		Map<Long, List<String>> texts = new LinkedHashMap<>();
		this.texts.forEach((chat, userTexts) -> texts.put(chat, userTexts.stream().map(UserText::text).toList()));
		return texts;
	}

	/**
	 * The update each text became (texts are unique); call after {@link #stop()}.
	 * @return update ids by text
	 */
	Map<String, Integer> updateIdsByText() {
		Map<String, Integer> ids = new LinkedHashMap<>();
		this.texts.values().forEach((texts) -> texts.forEach((text) -> ids.put(text.text(), text.updateId())));
		return ids;
	}

	/**
	 * A message a user wrote, and the update it became.
	 *
	 * @param updateId the update's id
	 * @param text the text
	 */
	record UserText(int updateId, String text) {

	}

}
