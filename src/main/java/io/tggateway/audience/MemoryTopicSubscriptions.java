package io.tggateway.audience;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Topic subscriptions of the {@code memory} store.
 */
final class MemoryTopicSubscriptions implements TopicSubscriptions {

	/** Guards the map; held for map updates and copies only. */
	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Set<Long>> chatsByTopic = new HashMap<>();

	@Override
	public boolean subscribe(String topic, long chatId) {
		this.lock.lock();
		try {
			return this.chatsByTopic.computeIfAbsent(topic, (key) -> new LinkedHashSet<>()).add(chatId);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public boolean unsubscribe(String topic, long chatId) {
		this.lock.lock();
		try {
			Set<Long> chats = this.chatsByTopic.get(topic);
			return chats != null && chats.remove(chatId);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int unsubscribeChat(long chatId) {
		this.lock.lock();
		try {
			int removed = 0;
			for (Set<Long> chats : this.chatsByTopic.values()) {
				removed += chats.remove(chatId) ? 1 : 0;
			}
			return removed;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Long> subscribers(String topic) {
		this.lock.lock();
		try {
			return List.copyOf(this.chatsByTopic.getOrDefault(topic, Set.of()));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<String> topicsOf(long chatId) {
		this.lock.lock();
		try {
			return this.chatsByTopic.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().contains(chatId))
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public Map<String, Integer> counts() {
		this.lock.lock();
		try {
			Map<String, Integer> counts = new HashMap<>();
			this.chatsByTopic.forEach((topic, chats) -> counts.put(topic, chats.size()));
			return Map.copyOf(counts);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void moveChat(long from, long to) {
		this.lock.lock();
		try {
			for (Set<Long> chats : this.chatsByTopic.values()) {
				if (chats.remove(from)) {
					chats.add(to);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
