package io.tggateway.audience;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audience repositories of one store, built as {@link AudienceConfiguration} builds
 * them, for tests of other features that wire their objects with {@code new}.
 *
 * @param links subject links
 * @param subscriptions topic subscriptions
 * @param chats chat states
 */
public record AudienceRepositories(SubjectLinks links, TopicSubscriptions subscriptions, ChatStates chats) {

	/**
	 * Empty repositories of the {@code memory} store.
	 * @return the repositories
	 */
	public static AudienceRepositories memory() {
		return new AudienceRepositories(new MemorySubjectLinks(), new MemoryTopicSubscriptions(),
				new MemoryChatStates());
	}

	/**
	 * The repositories of the {@code jdbc} store on a migrated schema.
	 * @param jdbc the schema's client
	 * @param transactions transactions on the same data source
	 * @return the repositories
	 */
	public static AudienceRepositories jdbc(JdbcClient jdbc, TransactionTemplate transactions) {
		return new AudienceRepositories(new JdbcSubjectLinks(jdbc, transactions),
				new JdbcTopicSubscriptions(jdbc, transactions), new JdbcChatStates(jdbc));
	}

}
