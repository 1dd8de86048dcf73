package io.tggateway.poller;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.dispatch.DispatchOutcome;
import io.tggateway.testsupport.TestDatabase;
import io.tggateway.testsupport.TestDatabase.Schema;
import io.tggateway.testsupport.TestUpdates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcUpdateInbox} against PostgreSQL.
 */
@ExtendWith(TestDatabase.Available.class)
class JdbcUpdateInboxTests {

	private JdbcClient jdbc;

	private JdbcUpdateInbox inbox;

	@BeforeEach
	void migrate() {
		Schema schema = TestDatabase.freshSchema();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(schema.url());
		Flyway.configure().dataSource(dataSource).schemas(schema.name()).defaultSchema(schema.name()).load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.inbox = new JdbcUpdateInbox(this.jdbc, Duration.ofHours(24));
		this.inbox.start();
	}

	@AfterEach
	void stop() {
		this.inbox.stop();
	}

	@Test
	void whenABatchIsStoredAgainThenOnlyTheNewUpdatesAreReturned() {
		assertThat(ids(this.inbox.store(updates(1, 2, 3)))).containsExactly(1, 2, 3);
		assertThat(ids(this.inbox.store(updates(2, 3, 4)))).containsExactly(4);
		assertThat(this.jdbc.sql("select count(*) from update_inbox").query(Integer.class).single()).isEqualTo(4);
	}

	@Test
	void whenUpdatesAreNotHandledThenTheyAreReplayedInOrderWithTheirContent() {
		this.inbox.store(updates(7, 5, 6));
		List<Update> unhandled = afterRestart().unhandled();
		assertThat(ids(unhandled)).containsExactly(5, 6, 7);
		assertThat(unhandled.getFirst().getMessage().getText()).isEqualTo("text 5");
		assertThat(unhandled.getFirst().getMessage().getChatId()).isEqualTo(105);
	}

	@Test
	void whenHandlingEndsThenTheUpdateIsMarkedAndNoLongerReplayed() {
		List<Update> stored = this.inbox.store(updates(1, 2, 3));
		this.inbox.completed(stored.get(0), DispatchOutcome.HANDLED, 0, 0);
		this.inbox.completed(stored.get(2), DispatchOutcome.FAILED, 0, 0);
		this.inbox.refused(stored.get(1));
		this.inbox.flush();
		assertThat(afterRestart().unhandled()).isEmpty();
		assertThat(this.jdbc.sql("select outcome from update_inbox order by update_id").query(String.class).list())
			.containsExactly("handled", "refused", "failed");
	}

	@Test
	void whenAStoredUpdateCannotBeReadBackThenItIsSkippedAndMarked() {
		this.inbox.store(updates(1, 2));
		this.jdbc
			.sql("update update_inbox set payload = '{\"update_id\":1,\"message\":{\"date\":0}}' where update_id = 1")
			.update();
		JdbcUpdateInbox restarted = afterRestart();
		assertThat(ids(restarted.unhandled())).containsExactly(2);
		restarted.flush();
		assertThat(this.jdbc.sql("select outcome from update_inbox where update_id = 1").query(String.class).single())
			.isEqualTo("unreadable");
	}

	@Test
	void whenTheInboxStopsThenPendingMarksAreWritten() {
		List<Update> stored = this.inbox.store(updates(1));
		this.inbox.completed(stored.getFirst(), DispatchOutcome.HANDLED, 0, 0);
		this.inbox.stop();
		assertThat(afterRestart().unhandled()).isEmpty();
	}

	@Test
	void whenLeadershipComesBackToTheSameProcessThenUpdatesItIsStillHandlingAreNotReplayed() {
		List<Update> stored = this.inbox.store(updates(1, 2, 3));
		this.inbox.completed(stored.getFirst(), DispatchOutcome.HANDLED, 0, 0);
		this.inbox.flush();
		// 2 and 3 are still in this process's dispatcher: replaying them would handle
		// each twice, out of order. Another process replays them.
		assertThat(this.inbox.unhandled()).isEmpty();
		assertThat(ids(afterRestart().unhandled())).containsExactly(2, 3);
	}

	@Test
	void whenUpdatesOfSeveralKindsAreStoredThenTheyComeBackEqual() throws Exception {
		ObjectMapper json = new ObjectMapper();
		Update callback = json.readValue("""
				{"update_id":20,"callback_query":{"id":"q","from":{"id":9,"is_bot":false,"first_name":"U"},
				"chat_instance":"c","data":"x","message":{"message_id":3,"date":1700000000,
				"chat":{"id":-77,"type":"group"},"text":"pick"}}}""", Update.class);
		Update inline = json.readValue("""
				{"update_id":21,"inline_query":{"id":"q","from":{"id":10,"is_bot":false,"first_name":"U"},
				"query":"x","offset":""}}""", Update.class);
		this.inbox.store(List.of(callback, inline));
		assertThat(afterRestart().unhandled()).containsExactly(callback, inline);
	}

	/**
	 * The inbox of a process started after this one stopped or crashed.
	 */
	private JdbcUpdateInbox afterRestart() {
		return new JdbcUpdateInbox(this.jdbc, Duration.ofHours(24));
	}

	private static List<Update> updates(int... ids) {
		return Arrays.stream(ids).mapToObj((id) -> TestUpdates.message(id, 100 + id, "text " + id)).toList();
	}

	private static List<Integer> ids(List<Update> updates) {
		return updates.stream().map(Update::getUpdateId).toList();
	}

}
