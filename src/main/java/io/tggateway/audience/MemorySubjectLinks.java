package io.tggateway.audience;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Subject links of the {@code memory} store.
 */
final class MemorySubjectLinks implements SubjectLinks {

	/** Guards both maps, which mirror each other; held for map updates only. */
	private final ReentrantLock lock = new ReentrantLock();

	private final Map<String, Set<Long>> chatsBySubject = new HashMap<>();

	private final Map<Long, Set<String>> subjectsByChat = new HashMap<>();

	@Override
	public boolean link(String subject, long chatId) {
		this.lock.lock();
		try {
			this.subjectsByChat.computeIfAbsent(chatId, (key) -> new LinkedHashSet<>()).add(subject);
			return this.chatsBySubject.computeIfAbsent(subject, (key) -> new LinkedHashSet<>()).add(chatId);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int unlinkSubject(String subject) {
		this.lock.lock();
		try {
			Set<Long> chats = this.chatsBySubject.remove(subject);
			if (chats == null) {
				return 0;
			}
			for (long chat : chats) {
				removeFrom(this.subjectsByChat, chat, subject);
			}
			return chats.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public int unlinkChat(long chatId) {
		this.lock.lock();
		try {
			Set<String> subjects = this.subjectsByChat.remove(chatId);
			if (subjects == null) {
				return 0;
			}
			for (String subject : subjects) {
				removeFrom(this.chatsBySubject, subject, chatId);
			}
			return subjects.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<Long> chatsOf(String subject) {
		this.lock.lock();
		try {
			return List.copyOf(this.chatsBySubject.getOrDefault(subject, Set.of()));
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void moveChat(long from, long to) {
		this.lock.lock();
		try {
			Set<String> subjects = this.subjectsByChat.remove(from);
			if (subjects != null) {
				for (String subject : subjects) {
					removeFrom(this.chatsBySubject, subject, from);
					this.chatsBySubject.computeIfAbsent(subject, (key) -> new LinkedHashSet<>()).add(to);
					this.subjectsByChat.computeIfAbsent(to, (key) -> new LinkedHashSet<>()).add(subject);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private static <K, V> void removeFrom(Map<K, Set<V>> map, K key, V value) {
		Set<V> values = map.get(key);
		if (values != null) {
			values.remove(value);
			if (values.isEmpty()) {
				map.remove(key);
			}
		}
	}

}
