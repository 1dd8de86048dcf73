package io.tggateway.audience;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.store.StoreType;
import io.tggateway.testsupport.TestDatabase;

/**
 * The audience repositories of one store for a repository test: empty memory
 * repositories, or the {@code jdbc} ones on a fresh schema. {@link #close()} closes the
 * schema's connections.
 */
final class AudienceStore implements AutoCloseable {

	private final @Nullable HikariDataSource dataSource;

	private final @Nullable JdbcClient jdbc;

	private final @Nullable TransactionTemplate transactions;

	AudienceStore(StoreType type) {
		if (type == StoreType.JDBC) {
			this.dataSource = TestDatabase.migratedSchema(2);
			this.jdbc = JdbcClient.create(this.dataSource);
			this.transactions = new TransactionTemplate(new DataSourceTransactionManager(this.dataSource));
		}
		else {
			this.dataSource = null;
			this.jdbc = null;
			this.transactions = null;
		}
	}

	SubjectLinks subjectLinks() {
		return (this.jdbc != null && this.transactions != null) ? new JdbcSubjectLinks(this.jdbc, this.transactions)
				: new MemorySubjectLinks();
	}

	TopicSubscriptions topicSubscriptions() {
		return (this.jdbc != null && this.transactions != null)
				? new JdbcTopicSubscriptions(this.jdbc, this.transactions) : new MemoryTopicSubscriptions();
	}

	ChatStates chatStates() {
		return (this.jdbc != null) ? new JdbcChatStates(this.jdbc) : new MemoryChatStates();
	}

	@Override
	public void close() {
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

}
