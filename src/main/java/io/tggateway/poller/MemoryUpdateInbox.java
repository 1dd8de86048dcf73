package io.tggateway.poller;

import java.util.ArrayList;
import java.util.List;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The embedded inbox of the {@code memory} store: nothing is kept beyond the dispatcher's
 * queue, so an update counts as safe once the dispatcher has accepted it. It only drops
 * redeliveries of updates this process already received.
 */
final class MemoryUpdateInbox implements UpdateInbox {

	/**
	 * Only the poller thread calls {@link #store} and {@link #notHandedOver}, so no lock
	 * is needed.
	 */
	private int highestSeen = Integer.MIN_VALUE;

	@Override
	public List<Update> store(List<Update> updates) {
		List<Update> fresh = new ArrayList<>(updates.size());
		for (Update update : updates) {
			if (update.getUpdateId() > this.highestSeen) {
				this.highestSeen = update.getUpdateId();
				fresh.add(update);
			}
		}
		return fresh;
	}

	@Override
	public List<Update> unhandled() {
		return List.of();
	}

	@Override
	public void refused(Update update) {
		// Nothing is stored, so nothing is left to replay.
	}

	@Override
	public void notHandedOver(List<Update> updates) {
		// Nothing replays them: they must count as new when Telegram sends them again.
		if (!updates.isEmpty()) {
			this.highestSeen = Math.min(this.highestSeen, updates.get(0).getUpdateId() - 1);
		}
	}

}
