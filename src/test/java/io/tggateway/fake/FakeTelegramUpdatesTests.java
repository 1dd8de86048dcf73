package io.tggateway.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.FormBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.fake.FakeBotClient.Answer;

import static io.tggateway.fake.FakeBotClient.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The update side of {@link FakeTelegram}: offsets, limits, long polls, conflicts,
 * webhooks and {@code allowed_updates}, observed over real HTTP.
 */
class FakeTelegramUpdatesTests {

	private final FakeTelegram fake = FakeTelegram.start();

	private final FakeBotClient client = new FakeBotClient(this.fake);

	@AfterEach
	void stop() {
		this.client.close();
		this.fake.close();
	}

	@Test
	void whenOffsetConfirmsThenOnlyUnconfirmedUpdatesAreRedelivered() throws Exception {
		int first = this.fake.userSendsText(42, "one");
		int second = this.fake.userSendsText(42, "two");
		int third = this.fake.userSendsText(42, "three");
		assertThat(ids(this.client.call("getUpdates", "{}"))).containsExactly(first, second, third);
		assertThat(ids(this.client.call("getUpdates", "{}"))).containsExactly(first, second, third);
		assertThat(ids(this.client.call("getUpdates", params("offset", second)))).containsExactly(second, third);
		assertThat(this.fake.pendingUpdates()).isEqualTo(2);
		assertThat(this.fake.confirmedUpTo()).isEqualTo(second);
		assertThat(this.fake.deliveredUpdateIds()).containsExactly(first, second, third, first, second, third, second,
				third);
		assertThat(ids(this.client.call("getUpdates", params("offset", third + 1)))).isEmpty();
		assertThat(this.fake.pendingUpdates()).isZero();
		assertThat(this.fake.getUpdatesCalls()).isEqualTo(4);
	}

	@Test
	void whenUpdatesCreatedThenIdsStartAtTheConfiguredIdAndKeepIncreasing() throws Exception {
		assertThat(this.fake.userSendsText(1, "a")).isEqualTo(100_000);
		assertThatIllegalStateException().isThrownBy(() -> this.fake.startUpdateIdsAt(500));
		this.fake.startUpdateIdsAt(200_000);
		assertThat(this.fake.userSendsText(1, "b")).isEqualTo(200_000);
		assertThat(this.fake.lastUpdateId()).isEqualTo(200_000);
		JsonNode updates = this.client.call("getUpdates", "{}").result();
		assertThat(updates.get(0).path("message").path("message_id").asInt()).isEqualTo(1);
		assertThat(updates.get(1).path("message").path("message_id").asInt()).isEqualTo(2);
	}

	@Test
	void whenLimitGivenThenAtMostThatManyOldestFirstAndOutOfRangeValuesAreClamped() throws Exception {
		List<Integer> created = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			created.add(this.fake.userSendsText(7, "m" + i));
		}
		assertThat(ids(this.client.call("getUpdates", params("limit", 2)))).isEqualTo(created.subList(0, 2));
		assertThat(ids(this.client.call("getUpdates", params("limit", 0)))).isEqualTo(created.subList(0, 1));
		assertThat(ids(this.client.call("getUpdates", params("limit", 500)))).isEqualTo(created);
	}

	@Test
	void whenOffsetNegativeThenAllButTheLastUpdatesAreForgotten() throws Exception {
		this.fake.userSendsText(7, "a");
		this.fake.userSendsText(7, "b");
		int last = this.fake.userSendsText(7, "c");
		assertThat(ids(this.client.call("getUpdates", params("offset", -1)))).containsExactly(last);
		assertThat(this.fake.pendingUpdates()).isEqualTo(1);
	}

	@Test
	void whenLongPollingAndAnUpdateArrivesThenThePollAnswersAtOnce() throws Exception {
		CompletableFuture<Answer> poll = this.client.callAsync("getUpdates", params("timeout", 10));
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		long sentAt = System.nanoTime();
		int id = this.fake.userSendsText(42, "wake up");
		Answer answer = poll.get();
		assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(2));
		assertThat(ids(answer)).containsExactly(id);
		assertThat(this.fake.pollInProgress()).isFalse();
	}

	@Test
	void whenLongPollTimesOutThenItAnswersAnEmptyArray() throws Exception {
		long start = System.nanoTime();
		Answer answer = this.client.call("getUpdates", params("timeout", 1));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.result().isArray()).isTrue();
		assertThat(answer.result()).isEmpty();
	}

	@Test
	void whenPollsOverlapThenTheEarlierOneGets409AndTheNewerOneProceeds() throws Exception {
		CompletableFuture<Answer> earlier = this.client.callAsync("getUpdates", params("timeout", 10));
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		CompletableFuture<Answer> newer = this.client.callAsync("getUpdates", params("timeout", 10));
		Answer terminated = earlier.get();
		assertThat(terminated.status()).isEqualTo(409);
		assertThat(terminated.json().path("error_code").asInt()).isEqualTo(409);
		assertThat(terminated.description()).isEqualTo("Conflict: terminated by other getUpdates request; "
				+ "make sure that only one bot instance is running");
		assertThat(this.fake.conflicts()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(2)).until(this.fake::pollInProgress);
		int id = this.fake.userSendsText(42, "for the newer poll");
		assertThat(ids(newer.get())).containsExactly(id);
	}

	@Test
	void whenWebhookIsSetThenGetUpdatesConflictsUntilTheWebhookIsDeleted() throws Exception {
		this.fake.userSendsText(42, "pending");
		assertThat(this.client.call("setWebhook", params("url", "https://example.org/hook")).result().asBoolean())
			.isTrue();
		Answer info = this.client.call("getWebhookInfo", "{}");
		assertThat(info.result().path("url").asText()).isEqualTo("https://example.org/hook");
		assertThat(info.result().path("pending_update_count").asInt()).isEqualTo(1);
		Answer conflict = this.client.call("getUpdates", "{}");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.description())
			.isEqualTo("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
					+ "the webhook first");
		assertThat(this.client.call("deleteWebhook", "{}").result().asBoolean()).isTrue();
		assertThat(this.client.call("getWebhookInfo", "{}").result().path("url").asText()).isEmpty();
		assertThat(ids(this.client.call("getUpdates", "{}"))).hasSize(1);
	}

	@Test
	void whenWebhookIsDeletedWithDropPendingUpdatesThenPendingUpdatesAreGone() throws Exception {
		this.fake.setWebhookUrl("https://example.org/hook");
		this.fake.userSendsText(42, "lost");
		this.client.call("deleteWebhook", params("drop_pending_updates", true));
		assertThat(this.fake.pendingUpdates()).isZero();
		assertThat(ids(this.client.call("getUpdates", "{}"))).isEmpty();
	}

	@Test
	void whenAllowedUpdatesGivenThenOtherTypesAreDroppedAndTheChoiceIsRemembered() throws Exception {
		this.fake.userSendsText(42, "text");
		int button = this.fake.userPressesButton(42, 42, "yes");
		Answer answer = this.client.call("getUpdates", params("allowed_updates", List.of("callback_query")));
		assertThat(ids(answer)).containsExactly(button);
		assertThat(this.fake.pendingUpdates()).isEqualTo(1);
		this.fake.userSendsText(42, "ignored too");
		int again = this.fake.userPressesButton(42, 42, "no");
		assertThat(ids(this.client.call("getUpdates", params("offset", button + 1)))).containsExactly(again);
		this.client.call("getUpdates", params("offset", again + 1, "allowed_updates", List.of()));
		int message = this.fake.userSendsText(42, "all types again");
		this.fake.enqueueRawUpdate("{\"chat_member\":{}}");
		assertThat(ids(this.client.call("getUpdates", "{}"))).containsExactly(message);
	}

	@Test
	void whenUpdatesAreSentAsFormOrQueryStringThenParametersAreUnderstood() throws Exception {
		this.fake.userSendsText(42, "a");
		int second = this.fake.userSendsText(42, "b");
		assertThat(ids(this.client.get("/bot" + FakeTelegram.TOKEN + "/getUpdates?offset=" + second)))
			.containsExactly(second);
		Answer form = this.client.post("/bot" + FakeTelegram.TOKEN + "/getupdates",
				new FormBody.Builder().add("allowed_updates", "[\"message\"]").build());
		assertThat(ids(form)).containsExactly(second);
	}

	private static List<Integer> ids(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		List<Integer> ids = new ArrayList<>();
		answer.result().forEach((update) -> ids.add(update.path("update_id").asInt()));
		return ids;
	}

}
