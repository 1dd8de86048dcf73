package io.tggateway.telegram;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * One answer of {@code getUpdates}: the updates that could be read, and the ids of those
 * that could not (a shape this version does not understand). Unreadable updates still
 * count for the offset, so one odd update never blocks the updates behind it.
 *
 * @param updates the readable updates, oldest first
 * @param unreadableIds the ids of the updates that could not be read
 */
public record UpdateBatch(List<Update> updates, List<Integer> unreadableIds) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * An empty batch, as a long poll that timed out answers.
	 */
	public static final UpdateBatch EMPTY = new UpdateBatch(List.of(), List.of());

	public UpdateBatch {
		updates = List.copyOf(updates);
		unreadableIds = List.copyOf(unreadableIds);
	}

	/**
	 * The offset that confirms this batch: one above the highest update id in it.
	 * @param current the offset used to fetch the batch, kept if the batch is empty
	 * @return the next offset
	 */
	public int nextOffset(int current) {
		int next = current;
		for (Update update : this.updates) {
			next = Math.max(next, update.getUpdateId() + 1);
		}
		for (int id : this.unreadableIds) {
			next = Math.max(next, id + 1);
		}
		return next;
	}

	/**
	 * How many updates the batch holds, readable or not.
	 * @return the total count
	 */
	public int size() {
		return this.updates.size() + this.unreadableIds.size();
	}

}
