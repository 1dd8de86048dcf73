package io.tggateway.fake;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.tggateway.fake.FakeBotClient.Answer;

import static io.tggateway.fake.FakeBotClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FakeTelegram}'s identity, tokens, routing, update shapes, commands and control
 * API, observed over real HTTP.
 */
class FakeTelegramTests {

	private static final String OTHER_TOKEN = "987654321:AAOtherFakeToken";

	private final FakeTelegram fake = FakeTelegram.start();

	private final FakeBotClient client = new FakeBotClient(this.fake);

	@AfterEach
	void stop() {
		this.client.close();
		this.fake.close();
	}

	@Test
	void whenGetMeThenTheBotIdentityInTelegramsShape() throws Exception {
		assertThat(this.fake.baseUrl()).isEqualTo("http://127.0.0.1:" + this.fake.port());
		Answer answer = this.client.call("getMe", "{}");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/json");
		assertThat(answer.json().path("ok").asBoolean()).isTrue();
		assertThat(answer.result()).isEqualTo(FakeJson.parse("""
				{"id":123456789,"is_bot":true,"first_name":"Fake Bot","username":"fake_bot","can_join_groups":true,
				"can_read_all_group_messages":false,"supports_inline_queries":false}"""));
		this.fake.setBotUsername("other_bot");
		assertThat(this.client.call("GETME", "{}").result().path("username").asText()).isEqualTo("other_bot");
	}

	@Test
	void whenTokenIsWrongOrRevokedThen401() throws Exception {
		Answer wrong = this.client.call(OTHER_TOKEN, "getMe", "{}");
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.json()).isEqualTo(FakeJson.parse("""
				{"ok":false,"error_code":401,"description":"Unauthorized"}"""));
		this.fake.acceptToken(OTHER_TOKEN);
		assertThat(this.client.call(OTHER_TOKEN, "getMe", "{}").result().path("id").asLong()).isEqualTo(987654321L);
		this.fake.revokeToken();
		assertThat(this.client.call("getMe", "{}").status()).isEqualTo(401);
		assertThat(this.client.call(OTHER_TOKEN, "getMe", "{}").status()).isEqualTo(401);
		assertThat(this.fake.calls("getMe")).isEqualTo(1);
	}

	@Test
	void whenMethodIsUnknownThen404() throws Exception {
		Answer answer = this.client.call("sendTelepathy", "{}");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json()).isEqualTo(FakeJson.parse("""
				{"ok":false,"error_code":404,"description":"Not Found"}"""));
		assertThat(this.client.get("/elsewhere").status()).isEqualTo(404);
	}

	@Test
	void whenUserSendsACommandThenTheUpdateHasABotCommandEntity() throws Exception {
		this.fake.userSendsText(42, "/start@fake_bot payload");
		this.fake.userSendsText(42, "plain");
		JsonNode updates = this.client.call("getUpdates", "{}").result();
		JsonNode message = updates.get(0).path("message");
		assertThat(message.path("from").path("id").asLong()).isEqualTo(42);
		assertThat(message.path("from").path("first_name").asText()).isEqualTo("User 42");
		assertThat(message.path("chat").path("type").asText()).isEqualTo("private");
		assertThat(message.path("entities")).isEqualTo(FakeJson.parse("""
				[{"offset":0,"length":15,"type":"bot_command"}]"""));
		assertThat(updates.get(1).path("message").has("entities")).isFalse();
	}

	@Test
	void whenUsersWriteInGroupsThenTheChatTypeFollowsTheId() throws Exception {
		this.fake.userSendsText(-100, 7, "group");
		this.fake.userSendsText(-1_000_000_000_100L, 7, "supergroup");
		JsonNode updates = this.client.call("getUpdates", "{}").result();
		JsonNode group = updates.get(0).path("message");
		assertThat(group.path("chat").path("type").asText()).isEqualTo("group");
		assertThat(group.path("chat").path("title").asText()).isEqualTo("Group -100");
		assertThat(group.path("from").path("id").asLong()).isEqualTo(7);
		assertThat(updates.get(1).path("message").path("chat").path("type").asText()).isEqualTo("supergroup");
	}

	@Test
	void whenUserPressesAButtonOrQueriesInlineThenTheUpdatesHaveTelegramsShape() throws Exception {
		this.client.call("sendMessage", params("chat_id", 42, "text", "Pick one"));
		this.fake.userPressesButton(42, 42, "pick:1");
		this.fake.inlineQuery(42, "cats");
		this.fake.enqueueRawUpdate("{\"strange_new_thing\":{\"x\":1},\"update_id\":1}");
		JsonNode updates = this.client.call("getUpdates", "{}").result();
		JsonNode callback = updates.get(0).path("callback_query");
		assertThat(callback.path("id").asText()).isNotEmpty();
		assertThat(callback.path("data").asText()).isEqualTo("pick:1");
		assertThat(callback.path("from").path("id").asLong()).isEqualTo(42);
		assertThat(callback.path("message").path("message_id").asInt()).isEqualTo(1);
		assertThat(callback.path("message").path("text").asText()).isEqualTo("Pick one");
		assertThat(callback.path("message").path("from").path("is_bot").asBoolean()).isTrue();
		assertThat(callback.path("chat_instance").asText()).isNotEmpty();
		assertThat(updates.get(1).path("inline_query").path("query").asText()).isEqualTo("cats");
		assertThat(updates.get(2).path("update_id").asInt()).isEqualTo(updates.get(1).path("update_id").asInt() + 1);
		assertThat(updates.get(2).path("strange_new_thing").path("x").asInt()).isEqualTo(1);
	}

	@Test
	void whenCommandsAreSetThenTheyAreStoredAndInvalidOnesAreRefused() throws Exception {
		String commands = params("commands",
				List.of(new BotCommand("start", "Start the bot"), new BotCommand("help_me", "Help")));
		assertThat(this.client.call("setMyCommands", commands).result().asBoolean()).isTrue();
		assertThat(this.fake.commands()).containsExactly(new BotCommand("start", "Start the bot"),
				new BotCommand("help_me", "Help"));
		assertThat(this.client.call("getMyCommands", "{}").result().get(1).path("command").asText())
			.isEqualTo("help_me");
		Answer badName = this.client.call("setMyCommands", params("commands", List.of(new BotCommand("Start!", "x"))));
		assertThat(badName.status()).isEqualTo(400);
		assertThat(badName.description()).isEqualTo("Bad Request: BOT_COMMAND_INVALID");
		Answer badDescription = this.client.call("setMyCommands",
				params("commands", List.of(new BotCommand("start", ""))));
		assertThat(badDescription.description()).isEqualTo("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
		this.client.call("setMyCommands", params("commands", List.of(new BotCommand("admin", "Admin only")), "scope",
				params("type", "all_chat_administrators")));
		assertThat(this.fake.commands()).hasSize(2);
	}

	@Test
	void whenTheControlApiIsUsedThenItDrivesAndShowsTheFake() throws Exception {
		Answer plain = this.client.post("/fake/users/42/messages",
				RequestBody.create("hello bot", MediaType.get("text/plain")));
		assertThat(plain.status()).isEqualTo(200);
		int updateId = plain.json().path("update_id").asInt();
		Answer form = this.client.post("/fake/users/-100/messages?from=7",
				new FormBody.Builder().add("text", "hi group").build());
		assertThat(form.json().path("update_id").asInt()).isEqualTo(updateId + 1);
		Answer curlStyle = this.client.post("/fake/users/42/messages",
				RequestBody.create("as curl -d sends it", MediaType.get("application/x-www-form-urlencoded")));
		assertThat(curlStyle.json().path("update_id").asInt()).isEqualTo(updateId + 2);
		JsonNode updates = this.client.call("getUpdates", "{}").result();
		assertThat(updates.get(0).path("message").path("text").asText()).isEqualTo("hello bot");
		assertThat(updates.get(1).path("message").path("from").path("id").asLong()).isEqualTo(7);
		this.client.call("sendMessage", params("chat_id", 42, "text", "hello human"));
		JsonNode sent = this.client.get("/fake/chats/42/messages").json();
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).path("text").asText()).isEqualTo("hello human");
		assertThat(sent.get(0).path("message_id").asInt()).isEqualTo(3);
		assertThat(sent.get(0).path("date").asLong()).isPositive();
		JsonNode state = this.client.get("/fake/state").json();
		assertThat(state.path("pending_updates").asInt()).isEqualTo(3);
		assertThat(state.path("sent_messages").asInt()).isEqualTo(1);
		assertThat(state.path("conflicts").asInt()).isZero();
		assertThat(state.path("too_many_requests").asInt()).isZero();
		assertThat(this.client.post("/fake/users/42/messages", RequestBody.create("", MediaType.get("text/plain")))
			.status()).isEqualTo(400);
	}

}
