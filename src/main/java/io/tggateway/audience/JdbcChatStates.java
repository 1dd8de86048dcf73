package io.tggateway.audience;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chat states of the {@code jdbc} store (table {@code chat_state}). Every message a
 * person sends marks their chat active, so the common case — a chat that was never
 * inactive — must not cost a database write: chats this replica knows to be active are
 * remembered (a bounded set), and only they skip the delete.
 * <p>
 * Only the leader marks chats, so the set is forgotten whenever this replica becomes the
 * leader: while another replica led, it may have marked one of these chats inactive.
 */
final class JdbcChatStates implements ChatStates, ApplicationListener<OnGrantedEvent> {

	private static final int KNOWN_ACTIVE_LIMIT = 100_000;

	private final JdbcClient jdbc;

	private final Set<Long> knownActive = ConcurrentHashMap.newKeySet();

	JdbcChatStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void onApplicationEvent(OnGrantedEvent event) {
		this.knownActive.clear();
	}

	@Override
	public void markInactive(long chatId, String reason) {
		this.knownActive.remove(chatId);
		this.jdbc
			.sql("insert into chat_state (chat_id, reason) values (?, ?) "
					+ "on conflict (chat_id) do update set reason = excluded.reason, since = now()")
			.params(chatId, reason)
			.update();
	}

	@Override
	public boolean markActive(long chatId) {
		if (this.knownActive.contains(chatId)) {
			return false;
		}
		boolean wasInactive = this.jdbc.sql("delete from chat_state where chat_id = ?").params(chatId).update() > 0;
		if (this.knownActive.size() >= KNOWN_ACTIVE_LIMIT) {
			this.knownActive.clear();
		}
		this.knownActive.add(chatId);
		return wasInactive;
	}

	@Override
	public Optional<String> inactiveReason(long chatId) {
		return this.jdbc.sql("select reason from chat_state where chat_id = ?")
			.params(chatId)
			.query(String.class)
			.optional();
	}

}
