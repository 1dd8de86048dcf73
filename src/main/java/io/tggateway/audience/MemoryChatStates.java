package io.tggateway.audience;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chat states of the {@code memory} store: only inactive chats are kept.
 */
final class MemoryChatStates implements ChatStates {

	private final ConcurrentHashMap<Long, String> inactive = new ConcurrentHashMap<>();

	@Override
	public void markInactive(long chatId, String reason) {
		this.inactive.put(chatId, reason);
	}

	@Override
	public boolean markActive(long chatId) {
		return this.inactive.remove(chatId) != null;
	}

	@Override
	public Optional<String> inactiveReason(long chatId) {
		return Optional.ofNullable(this.inactive.get(chatId));
	}

}
