package io.tggateway.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.LinkInvitations;
import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.notify.ApiCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Deep links, subjects and topics over HTTP, and the OpenAPI document. The deep-link
 * tests go end to end: a link issued over the REST API, opened by a person who sends
 * {@code /start <token>} to the bot through the fake Bot API, notifications for the
 * subject delivered to their chat, and {@code /stop} ending that. Runs against both
 * stores ({@link AudienceApiMemoryTests}, {@link AudienceApiJdbcTests}), each with its
 * own fake Bot API, whose {@code getMe} names the bot {@value #BOT_USERNAME}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.api.keys.billing=" + AudienceApiTests.KEY,
				"gateway.api.requests-per-second=10000", "gateway.topics.releases.description=Release notes",
				"gateway.topics.incidents.description=Outages and their fixes",
				"gateway.topics.quiet.description=Nobody follows this", "gateway.poller.timeout=2s",
				"gateway.delivery.limits.enabled=false" })
@DirtiesContext
abstract class AudienceApiTests {

	static final String KEY = "billing-key-0123456789abcdef";

	static final String BOT_USERNAME = "acme_alerts_bot";

	private static final Pattern LINK = Pattern
		.compile("https://t\\.me/" + BOT_USERNAME + "\\?start=([A-Za-z0-9_-]{20,64})");

	private static final Duration WAIT = Duration.ofSeconds(15);

	@LocalServerPort
	private int port;

	@Autowired
	private LinkInvitations invitations;

	@Autowired
	private SubjectLinks subjectLinks;

	@Autowired
	private ChatStates chatStates;

	@Autowired
	private TopicSubscriptions topicSubscriptions;

	/**
	 * Starts a fake Bot API for a test class.
	 * @return the fake, whose bot is {@value #BOT_USERNAME}
	 */
	static FakeTelegram startFake() {
		FakeTelegram fake = FakeTelegram.start();
		fake.setBotUsername(BOT_USERNAME);
		return fake;
	}

	/**
	 * The fake Bot API of this test class's service.
	 * @return the fake
	 */
	abstract FakeTelegram fake();

	private ApiCalls api() {
		return new ApiCalls(this.port);
	}

	@Test
	void whenAPersonOpensADeepLinkThenTheirChatReceivesTheSubjectsNotificationsAndTheLinkIsUsedUp() {
		Reply reply = api().post("/api/v1/links", KEY, "{\"subject\": \"user-42\"}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		JsonNode body = reply.json();
		assertThat(body.path("subject").asString()).isEqualTo("user-42");
		Matcher link = LINK.matcher(body.path("link").asString());
		assertThat(link.matches()).as(body.path("link").asString()).isTrue();
		Instant expiresAt = Instant.parse(body.path("expiresAt").asString());
		assertThat(expiresAt).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
		String token = link.group(1);
		fake().userSendsText(7001, "/start " + token);
		assertThat(awaitReply(7001, 1)).startsWith("Done:").contains("user-42").contains("/stop");
		JsonNode chats = api().get("/api/v1/subjects/user-42", KEY).json().path("chats");
		assertThat(chats.values()).extracting((chat) -> chat.path("chatId").asLong()).containsExactly(7001L);
		assertThat(chats.path(0).path("active").asBoolean()).isTrue();
		Reply accepted = api().post("/api/v1/notifications", KEY,
				"{\"subject\": \"user-42\", \"text\": \"Your invoice is ready\"}");
		assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
		assertThat(accepted.json().path("recipient").asString()).isEqualTo("subject:user-42");
		JsonNode delivered = awaitDelivered(accepted.json().path("id").asString());
		assertThat(awaitReply(7001, 2)).isEqualTo("Your invoice is ready");
		JsonNode delivery = delivered.path("deliveries").path(0);
		assertThat(delivered.path("deliveries").size()).isOne();
		assertThat(delivery.path("chatId").asLong()).isEqualTo(7001);
		assertThat(delivery.path("messageIds").path(0).asInt()).isEqualTo(fake().sentTo(7001).get(1).messageId());
		// The link works once: another chat opening it is told so and linked to nothing.
		fake().userSendsText(7002, "/start " + token);
		assertThat(awaitReply(7002, 1)).contains("invalid, already used or expired");
		assertThat(this.subjectLinks.chatsOf("user-42")).containsExactly(7001L);
		// So is the chat that used it.
		fake().userSendsText(7001, "/start " + token);
		assertThat(awaitReply(7001, 3)).contains("invalid, already used or expired");
		assertThat(this.subjectLinks.chatsOf("user-42")).containsExactly(7001L);
	}

	@Test
	void whenALinkHasExpiredThenTheBotRefusesItAndLinksNothing() {
		// The API allows a minute at least; the invitations themselves take any lifetime.
		LinkInvitations.Invitation invitation = this.invitations.issue("user-44", Duration.ofMillis(50));
		await().atMost(WAIT).until(() -> Instant.now().isAfter(invitation.expiresAt()));
		fake().userSendsText(7003, "/start " + invitation.token());
		assertThat(awaitReply(7003, 1)).contains("invalid, already used or expired");
		assertThat(api().get("/api/v1/subjects/user-44", KEY).json().path("chats").size()).isZero();
		Reply refused = api().post("/api/v1/notifications", KEY, "{\"subject\": \"user-44\", \"text\": \"hi\"}");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
	}

	@Test
	void whenThePersonSendsStopThenTheChatIsUnlinkedAndNotificationsForTheSubjectAreRefused() {
		String link = api().post("/api/v1/links", KEY, "{\"subject\": \"user-45\"}").json().path("link").asString();
		Matcher token = LINK.matcher(link);
		assertThat(token.matches()).as(link).isTrue();
		fake().userSendsText(7004, "/start " + token.group(1));
		assertThat(awaitReply(7004, 1)).startsWith("Done:");
		this.topicSubscriptions.subscribe("releases", 7004);
		fake().userSendsText(7004, "/stop");
		assertThat(awaitReply(7004, 2)).isEqualTo(
				"Done: this chat receives no more notifications (unlinked from 1 account(s), unsubscribed from 1 topic(s)).");
		assertThat(api().get("/api/v1/subjects/user-45", KEY).json().path("chats").size()).isZero();
		assertThat(this.topicSubscriptions.topicsOf(7004)).isEmpty();
		Reply refused = api().post("/api/v1/notifications", KEY, "{\"subject\": \"user-45\", \"text\": \"hi\"}");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().path("type").asString()).isEqualTo("urn:tg-gateway:problem:no-linked-chat");
		assertThat(refused.errorFields()).containsExactly("subject");
		assertThat(fake().sentTo(7004)).hasSize(2);
	}

	@ParameterizedTest(name = "ttl {0} -> {1}")
	@CsvSource({ "PT1M, 201", "PT1H, 201", "P30D, 201", "PT59S, 400", "P30DT1S, 400", "-PT1H, 400", "1h, 400",
			"3600, 400" })
	void whenALinkHasATtlThenItMustBeFromAMinuteToThirtyDays(String ttl, int status) {
		String value = ttl.matches("[0-9]+") ? ttl : "\"" + ttl + "\"";
		Reply reply = api().post("/api/v1/links", KEY, "{\"subject\": \"user-43\", \"ttl\": " + value + "}");
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		if (status == 201) {
			Instant expiresAt = Instant.parse(reply.json().path("expiresAt").asString());
			assertThat(expiresAt).isCloseTo(Instant.now().plus(Duration.parse(ttl)), within(Duration.ofMinutes(1)));
		}
		else {
			assertThat(reply.errorFields()).containsExactly("ttl");
		}
	}

	@Test
	void whenALinkIsForAMalformedSubjectThenTheProblemNamesTheSubject() {
		Reply reply = api().post("/api/v1/links", KEY, "{\"subject\": \"user/42\", \"ttl\": \"PT1S\"}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.errorFields()).containsExactly("subject", "ttl");
		assertThat(api().post("/api/v1/links", KEY, "{}").errorFields()).containsExactly("subject");
	}

	@Test
	void whenChatsAreLinkedThenTheSubjectListsThemUntilItIsUnlinked() {
		Reply none = api().get("/api/v1/subjects/user-50", KEY);
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.json().path("subject").asString()).isEqualTo("user-50");
		assertThat(none.json().path("chats").isArray()).isTrue();
		assertThat(none.json().path("chats").size()).isZero();
		this.subjectLinks.link("user-50", 7050);
		this.subjectLinks.link("user-50", -7051);
		this.chatStates.markInactive(-7051, "bot was kicked from the group chat");
		JsonNode chats = api().get("/api/v1/subjects/user-50", KEY).json().path("chats");
		assertThat(chats.size()).isEqualTo(2);
		assertThat(chats.path(0).path("chatId").asLong()).isEqualTo(7050);
		assertThat(chats.path(0).path("active").asBoolean()).isTrue();
		assertThat(chats.path(0).has("inactiveReason")).isFalse();
		assertThat(chats.path(1).path("chatId").asLong()).isEqualTo(-7051);
		assertThat(chats.path(1).path("active").asBoolean()).isFalse();
		assertThat(chats.path(1).path("inactiveReason").asString()).isEqualTo("bot was kicked from the group chat");
		assertThat(api().delete("/api/v1/subjects/user-50", KEY).status()).isEqualTo(204);
		assertThat(this.subjectLinks.chatsOf("user-50")).isEmpty();
		assertThat(api().delete("/api/v1/subjects/user-50", KEY).status()).isEqualTo(204);
		assertThat(api().get("/api/v1/subjects/user-50", KEY).json().path("chats").size()).isZero();
		Reply malformed = api().get("/api/v1/subjects/user%2042", KEY);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.errorFields()).containsExactly("subject");
		assertThat(api().get("/api/v1/subjects/user-50", null).status()).isEqualTo(401);
	}

	@Test
	void whenTopicsAreListedThenEachHasItsDescriptionAndSubscriberCount() {
		this.topicSubscriptions.subscribe("releases", 7101);
		this.topicSubscriptions.subscribe("releases", 7102);
		this.topicSubscriptions.subscribe("incidents", 7101);
		this.topicSubscriptions.subscribe("undeclared", 7101);
		Reply reply = api().get("/api/v1/topics", KEY);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().values())
			.extracting((topic) -> topic.path("name").asString() + "|" + topic.path("description").asString() + "|"
					+ topic.path("subscribers").asInt())
			.containsExactly("incidents|Outages and their fixes|1", "quiet|Nobody follows this|0",
					"releases|Release notes|2");
	}

	@Test
	void whenTheOpenApiDocumentIsAskedForThenItIsServedWithoutAKeyAndDescribesTheApi() {
		Reply reply = api().get("/v3/api-docs", null);
		assertThat(reply.status()).isEqualTo(200);
		JsonNode document = reply.json();
		assertThat(document.path("paths").propertyNames()).contains("/api/v1/notifications",
				"/api/v1/notifications/{id}", "/api/v1/links", "/api/v1/subjects/{subject}", "/api/v1/topics");
		assertThat(document.path("paths").propertyNames()).allMatch((path) -> path.startsWith("/api/"));
		JsonNode scheme = document.path("components").path("securitySchemes").path(ApiDocumentation.SECURITY_SCHEME);
		assertThat(scheme.path("type").asString()).isEqualTo("http");
		assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
		JsonNode send = document.path("paths").path("/api/v1/notifications").path("post");
		assertThat(send.path("responses").propertyNames()).contains("202", "400", "401", "409", "413", "415", "422",
				"429", "503");
		assertThat(send.path("responses").path("202").path("headers").propertyNames()).contains("Location",
				"Idempotency-Replayed");
		assertThat(send.path("responses").path("429").path("headers").propertyNames()).contains("Retry-After");
		assertThat(send.path("responses").path("422").path("content").propertyNames())
			.containsExactly("application/problem+json");
		assertThat(send.path("parameters").values()).extracting((parameter) -> parameter.path("name").asString())
			.containsExactly("Idempotency-Key");
		assertThat(document.path("components").path("schemas").propertyNames()).contains("Problem",
				"NotificationRequest", "Notification", "Delivery", "Button");
		assertThat(api().get("/swagger-ui/index.html", null).status()).isEqualTo(200);
		assertThat(api().get("/swagger-ui.html", null).status()).isIn(200, 302);
	}

	/**
	 * Waits until the chat has received {@code count} messages.
	 * @return the text of the last of them
	 */
	private String awaitReply(long chatId, int count) {
		await().atMost(WAIT).until(() -> fake().sentTo(chatId).size() >= count);
		List<SentMessage> sent = fake().sentTo(chatId);
		assertThat(sent).hasSize(count);
		return sent.getLast().text();
	}

	private JsonNode awaitDelivered(String id) {
		return await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> api().get("/api/v1/notifications/" + id, KEY).json(),
					(notification) -> "delivered".equals(notification.path("status").asString()));
	}

}
