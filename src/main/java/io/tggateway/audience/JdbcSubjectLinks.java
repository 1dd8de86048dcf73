package io.tggateway.audience;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Subject links of the {@code jdbc} store (table {@code subject_link}).
 */
final class JdbcSubjectLinks implements SubjectLinks {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	JdbcSubjectLinks(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public boolean link(String subject, long chatId) {
		return this.jdbc.sql("insert into subject_link (subject, chat_id) values (?, ?) on conflict do nothing")
			.params(subject, chatId)
			.update() > 0;
	}

	@Override
	public int unlinkSubject(String subject) {
		return this.jdbc.sql("delete from subject_link where subject = ?").params(subject).update();
	}

	@Override
	public int unlinkChat(long chatId) {
		return this.jdbc.sql("delete from subject_link where chat_id = ?").params(chatId).update();
	}

	@Override
	public List<Long> chatsOf(String subject) {
		return this.jdbc.sql("select chat_id from subject_link where subject = ? order by linked_at, chat_id")
			.params(subject)
			.query((row, number) -> row.getLong(1))
			.list();
	}

	@Override
	public void moveChat(long from, long to) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc
				.sql("insert into subject_link (subject, chat_id, linked_at) "
						+ "select subject, ?, linked_at from subject_link where chat_id = ? on conflict do nothing")
				.params(to, from)
				.update();
			this.jdbc.sql("delete from subject_link where chat_id = ?").params(from).update();
		});
	}

}
