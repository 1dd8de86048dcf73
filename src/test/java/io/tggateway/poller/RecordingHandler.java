package io.tggateway.poller;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.bot.UpdateHandler;

/**
 * A handler that records what it handled, per chat and in order. It can hold every update
 * until {@link #release()} (with a deadline, so a failed test cannot hang), and throw for
 * the texts it is told to fail on.
 */
final class RecordingHandler implements UpdateHandler {

	private static final long HOLD_LIMIT_SECONDS = 30;

	private final List<Integer> handled = new CopyOnWriteArrayList<>();

	private final Map<Long, List<Integer>> byChat = new ConcurrentHashMap<>();

	private final AtomicInteger started = new AtomicInteger();

	private final CountDownLatch gate;

	private final @Nullable String failOn;

	private RecordingHandler(boolean holding, @Nullable String failOn) {
		this.gate = new CountDownLatch(holding ? 1 : 0);
		this.failOn = failOn;
	}

	/** A handler that handles at once. */
	static RecordingHandler immediate() {
		return new RecordingHandler(false, null);
	}

	/** A handler that holds every update until {@link #release()}. */
	static RecordingHandler holding() {
		return new RecordingHandler(true, null);
	}

	/** A handler that throws on every message whose text contains {@code text}. */
	static RecordingHandler failingOn(String text) {
		return new RecordingHandler(false, text);
	}

	@Override
	public void handle(Update update) throws Exception {
		this.started.incrementAndGet();
		if (!this.gate.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
			throw new IllegalStateException("never released");
		}
		if (!update.hasMessage()) {
			this.handled.add(update.getUpdateId());
			return;
		}
		String text = update.getMessage().getText();
		if (this.failOn != null && text != null && text.contains(this.failOn)) {
			this.handled.add(update.getUpdateId());
			throw new IllegalStateException("handler failure on purpose");
		}
		this.byChat.computeIfAbsent(update.getMessage().getChatId(), (chat) -> new CopyOnWriteArrayList<>())
			.add(update.getUpdateId());
		this.handled.add(update.getUpdateId());
	}

	/** Lets held and later updates through. */
	void release() {
		this.gate.countDown();
	}

	/** Returns the ids of the updates handled (or failed), in the order they ended. */
	List<Integer> handled() {
		return List.copyOf(this.handled);
	}

	/** Returns the ids handled without failure in one chat, in order. */
	List<Integer> handledIn(long chatId) {
		return List.copyOf(this.byChat.getOrDefault(chatId, List.of()));
	}

	/** Returns how many updates reached the handler, held ones included. */
	int started() {
		return this.started.get();
	}

}
