package io.tggateway.audience;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Topic subscriptions of the {@code jdbc} store (table {@code topic_subscription}).
 */
final class JdbcTopicSubscriptions implements TopicSubscriptions {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JdbcTopicSubscriptions(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public boolean subscribe(String topic, long chatId) {
		return this.jdbc.sql("insert into topic_subscription (topic, chat_id) values (?, ?) on conflict do nothing")
			.params(topic, chatId)
			.update() > 0;
	}

	@Override
	public boolean unsubscribe(String topic, long chatId) {
		return this.jdbc.sql("delete from topic_subscription where topic = ? and chat_id = ?")
			.params(topic, chatId)
			.update() > 0;
	}

	@Override
	public int unsubscribeChat(long chatId) {
		return this.jdbc.sql("delete from topic_subscription where chat_id = ?").params(chatId).update();
	}

	@Override
	public List<Long> subscribers(String topic) {
		return this.jdbc.sql("select chat_id from topic_subscription where topic = ? order by subscribed_at, chat_id")
			.params(topic)
			.query((row, number) -> row.getLong(1))
			.list();
	}

	@Override
	public List<String> topicsOf(long chatId) {
		return this.jdbc.sql("select topic from topic_subscription where chat_id = ? order by topic")
			.params(chatId)
			.query((row, number) -> row.getString(1))
			.list();
	}

	@Override
	public Map<String, Integer> counts() {
		Map<String, Integer> counts = new HashMap<>();
		this.jdbc.sql("select topic, count(*) as subscribers from topic_subscription group by topic")
			.query((RowCallbackHandler) (row) -> counts.put(row.getString("topic"), row.getInt("subscribers")));
		return Map.copyOf(counts);
	}

	@Override
	public void moveChat(long from, long to) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("insert into topic_subscription (topic, chat_id, subscribed_at) "
					+ "select topic, ?, subscribed_at from topic_subscription where chat_id = ? on conflict do nothing")
				.params(to, from)
				.update();
			this.jdbc.sql("delete from topic_subscription where chat_id = ?").params(from).update();
		});
	}

}
