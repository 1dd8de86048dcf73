package io.tggateway.poller;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.dispatch.DispatchListener;
import io.tggateway.dispatch.DispatchOutcome;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.lifecycle.StopSignal;

/**
 * The inbox of the {@code jdbc} store (table {@code update_inbox}): a fetched batch is
 * inserted in one statement before the offset moves past it, redeliveries are dropped by
 * {@code update_id}, and updates not yet handled are replayed in order when polling
 * starts (after a crash, or on the replica that takes over).
 * <p>
 * "Handled" marks are written in batches by a background writer a few milliseconds after
 * the handler ends (one statement per batch instead of one commit per update); a crash
 * between the two replays the update, so an update is handled at least once. Handled
 * updates are purged after {@code gateway.poller.inbox-retention}, in small batches.
 * <p>
 * The inbox remembers which updates this process has handed to its dispatcher and not yet
 * marked, and leaves them out of a replay: when a replica loses the leadership and wins
 * it back (a heartbeat that failed on a database hiccup), its dispatcher is still working
 * through them, and replaying them would handle each twice, out of order.
 */
final class JdbcUpdateInbox implements UpdateInbox, DispatchListener, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(JdbcUpdateInbox.class);

	/**
	 * TelegramBots' types are Jackson 2 types; Spring's Jackson 3 mapper never sees them.
	 */
	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration FLUSH_EVERY = Duration.ofMillis(20);

	private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

	private static final int PURGE_BATCH = 1_000;

	private final JdbcClient jdbc;

	private final Duration retention;

	private final ConcurrentLinkedQueue<Mark> marks = new ConcurrentLinkedQueue<>();

	/**
	 * The updates handed to this process's dispatcher (or about to be) whose "handled"
	 * mark is not written yet. An id leaves only once its mark is committed, so a replay
	 * that reads the table after taking a snapshot of this set never misses one.
	 */
	private final Set<Integer> inProcess = ConcurrentHashMap.newKeySet();

	/** Guards start and stop. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile boolean running;

	private @Nullable StopSignal stopSignal;

	private @Nullable Thread writer;

	JdbcUpdateInbox(JdbcClient jdbc, Duration retention) {
		this.jdbc = jdbc;
		this.retention = retention;
	}

	@Override
	public List<Update> store(List<Update> updates) {
		if (updates.isEmpty()) {
			return List.of();
		}
		int[] ids = new int[updates.size()];
		String[] payloads = new String[updates.size()];
		for (int i = 0; i < updates.size(); i++) {
			ids[i] = updates.get(i).getUpdateId();
			payloads[i] = write(updates.get(i));
		}
		Set<Integer> inserted = new HashSet<>(this.jdbc
			.sql("insert into update_inbox (update_id, payload) select * from unnest(?::int[], ?::text[]) "
					+ "on conflict (update_id) do nothing returning update_id")
			.params(ids, payloads)
			.query(Integer.class)
			.list());
		this.inProcess.addAll(inserted);
		return updates.stream().filter((update) -> inserted.contains(update.getUpdateId())).toList();
	}

	@Override
	public List<Update> unhandled() {
		// Taken before the table is read: an id that leaves the set meanwhile is marked
		// in the table by then.
		Set<Integer> held = Set.copyOf(this.inProcess);
		List<Update> updates = new ArrayList<>();
		this.jdbc.sql("select update_id, payload from update_inbox where handled_at is null order by update_id")
			.query((row) -> {
				int updateId = row.getInt("update_id");
				if (held.contains(updateId)) {
					return;
				}
				Update update = read(updateId, row.getString("payload"));
				if (update != null) {
					this.inProcess.add(updateId);
					updates.add(update);
				}
				else {
					this.marks.add(new Mark(updateId, "unreadable"));
				}
			});
		return updates;
	}

	@Override
	public void refused(Update update) {
		this.marks.add(new Mark(update.getUpdateId(), "refused"));
	}

	@Override
	public void notHandedOver(List<Update> updates) {
		// They stay unhandled in the table: the next start replays them.
		updates.forEach((update) -> this.inProcess.remove(update.getUpdateId()));
	}

	@Override
	public void completed(Update update, DispatchOutcome outcome, long waitedNanos, long handlingNanos) {
		this.marks.add(new Mark(update.getUpdateId(), outcome.name().toLowerCase(Locale.ROOT)));
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
			this.writer = Thread.ofVirtual().name("tg-inbox-writer").start(() -> writeMarks(signal));
			this.running = true;
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void writeMarks(StopSignal signal) {
		long lastPurge = System.nanoTime();
		while (signal.sleep(FLUSH_EVERY)) {
			flush();
			if (System.nanoTime() - lastPurge > PURGE_EVERY.toNanos()) {
				purge();
				lastPurge = System.nanoTime();
			}
		}
	}

	/**
	 * Writes the pending "handled" marks: one statement per outcome.
	 */
	void flush() {
		List<Mark> batch = new ArrayList<>();
		for (Mark mark = this.marks.poll(); mark != null; mark = this.marks.poll()) {
			batch.add(mark);
		}
		if (batch.isEmpty()) {
			return;
		}
		Map<String, List<Mark>> byOutcome = batch.stream().collect(Collectors.groupingBy(Mark::outcome));
		try {
			byOutcome.forEach((outcome, marked) -> {
				this.jdbc.sql("update update_inbox set handled_at = now(), outcome = ? where update_id = any(?::int[])")
					.params(outcome, marked.stream().mapToInt(Mark::updateId).toArray())
					.update();
				marked.forEach((mark) -> this.inProcess.remove(mark.updateId()));
			});
		}
		catch (RuntimeException ex) {
			// Keep them for the next round: losing a mark would replay a handled update.
			this.marks.addAll(batch);
			logger.warn("Could not mark {} updates handled ({}); retrying", batch.size(), ex.getMessage());
		}
	}

	private void purge() {
		try {
			int purged;
			do {
				purged = this.jdbc
					.sql("delete from update_inbox where update_id in (select update_id from update_inbox "
							+ "where handled_at < now() - make_interval(secs => ?) order by handled_at limit ?)")
					.params(this.retention.toSeconds(), PURGE_BATCH)
					.update();
			}
			while (purged == PURGE_BATCH);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not purge handled updates ({}); retrying later", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.lifecycleLock.lock();
		try {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.stopSignal != null) {
				this.stopSignal.stop();
			}
			Thread stopping = this.writer;
			if (stopping != null) {
				stopping.join(Duration.ofSeconds(5));
			}
			flush();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.UPDATE_INBOX;
	}

	private static String write(Update update) {
		try {
			return JSON.writeValueAsString(update);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Update " + update.getUpdateId() + " cannot be written as JSON", ex);
		}
	}

	private static @Nullable Update read(int updateId, String payload) {
		try {
			return JSON.readValue(payload, Update.class);
		}
		catch (IOException ex) {
			logger.warn("Skipped stored update {}: it cannot be read back ({})", updateId, ex.getMessage());
			return null;
		}
	}

	private record Mark(int updateId, String outcome) {
	}

}
