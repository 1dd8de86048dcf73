package io.tggateway.audience;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.integration.leader.event.OnGrantedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat states of the {@code jdbc} store shared by two replicas: leadership moves from one
 * to the other and back.
 */
@ExtendWith(TestDatabase.Available.class)
class JdbcChatStatesTests {

	private final HikariDataSource dataSource = TestDatabase.migratedSchema(2);

	private final JdbcChatStates first = new JdbcChatStates(JdbcClient.create(this.dataSource));

	private final JdbcChatStates second = new JdbcChatStates(JdbcClient.create(this.dataSource));

	@AfterEach
	void close() {
		this.dataSource.close();
	}

	@Test
	void whenAnotherLeaderMarkedAChatInactiveThenTheReturningLeaderRestoresItOnTheNextMessage() {
		// The first replica leads: the person writes, the chat is known active.
		assertThat(this.first.markActive(11)).isFalse();
		// The second replica leads meanwhile and learns that the person blocked the bot.
		this.second.markInactive(11, "bot was blocked by the user");
		// The first leads again; the person unblocks the bot and writes.
		this.first.onApplicationEvent(new OnGrantedEvent(this, () -> true, "tg-gateway"));
		assertThat(this.first.markActive(11)).isTrue();
		assertThat(this.second.inactiveReason(11)).isEmpty();
	}

}
