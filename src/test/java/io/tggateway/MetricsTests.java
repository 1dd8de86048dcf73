package io.tggateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.helm.MetricCatalogTests;
import io.tggateway.poller.PollerState;
import io.tggateway.poller.UpdatePoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against the fake Bot API, scraped at {@code /actuator/prometheus} on
 * the management port: it exports exactly the metric catalog that the Helm chart's
 * dashboard and alerts use ({@link MetricCatalogTests}), with the label values they
 * filter on, and no tag grows with the chats, people, texts, API keys or paths it sees.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.bot.echo.enabled=true", "gateway.poller.timeout=1s",
				"gateway.poller.backoff-initial=20ms", "gateway.poller.backoff-max=100ms",
				"gateway.delivery.limits.enabled=false", "gateway.delivery.retry-initial=50ms",
				"gateway.api.keys.billing=" + MetricsTests.BILLING, "gateway.api.keys.shop=" + MetricsTests.SHOP,
				"gateway.api.requests-per-second=10000" })
@DirtiesContext
class MetricsTests {

	static final String BILLING = "billing-key-0123456789abcdef";

	static final String SHOP = "shop-key-0123456789abcdef";

	private static final String NOTIFICATIONS = "/api/v1/notifications";

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** More values than this for one tag of one meter means the tag is not bounded. */
	private static final int MAX_TAG_VALUES = 20;

	private static final FakeTelegram fake = FakeTelegram.start();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private UpdatePoller poller;

	@Autowired
	private MeterRegistry registry;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void telegram(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	@Test
	void whenTheServiceWorksThenPrometheusExportsExactlyTheCatalogWithItsLabelValues() {
		await().atMost(WAIT).until(() -> this.poller.status().state() == PollerState.POLLING);
		for (long chat = 6001; chat <= 6004; chat++) {
			fake.userSendsText(chat, "hello");
		}
		await().atMost(WAIT).until(() -> LongStream.rangeClosed(6001, 6004).allMatch((chat) -> sentTo(chat) == 1));
		fake.injectFaults("getUpdates", 1, Fault.SERVER_ERROR_JSON);
		fake.injectFaults("sendMessage", 1, Fault.TOO_MANY_REQUESTS);
		assertThat(notify(BILLING, 6101, "after a 429")).isEqualTo(202);
		fake.blockChat(6102);
		assertThat(notify(SHOP, 6102, "to a person who blocked the bot")).isEqualTo(202);
		await().atMost(WAIT).until(() -> sentTo(6101) == 1);
		await().atMost(WAIT)
			.until(() -> PrometheusScrape.of(this.managementPort)
				.value("gateway_delivery_failures_total", "reason", "blocked") == 1);
		await().atMost(WAIT)
			.until(() -> PrometheusScrape.of(this.managementPort)
				.value("gateway_poller_polls_total", "outcome", "failed") >= 1);
		// Outbox readings are cached for a second: wait for one taken after the last
		// send.
		await().atMost(WAIT)
			.until(() -> PrometheusScrape.of(this.managementPort).value("gateway_delivery_outbox") == 0);
		// The poller is back to polling once a poll after the failure has been answered.
		await().atMost(WAIT).until(() -> PrometheusScrape.of(this.managementPort).value("gateway_poller_up") == 1);

		PrometheusScrape scrape = PrometheusScrape.of(this.managementPort);
		assertThat(scrape.names("gateway_")).as("the gateway's series")
			.containsExactlyInAnyOrderElementsOf(
					MetricCatalogTests.METRIC_NAMES.stream().filter((name) -> name.startsWith("gateway_")).toList());
		assertThat(scrape.names("http_server_requests_")).as("Spring MVC's series")
			.containsAll(MetricCatalogTests.METRIC_NAMES.stream()
				.filter((name) -> name.startsWith("http_server_requests_"))
				.toList());
		MetricCatalogTests.LABEL_VALUES.forEach((metric,
				labels) -> labels.forEach((label, values) -> assertThat(scrape.labelValues(metric).get(label))
					.as("values of %s{%s}", metric, label)
					.containsExactlyInAnyOrderElementsOf(values)));

		assertThat(scrape.value("gateway_cluster_leader")).isEqualTo(1);
		assertThat(scrape.value("gateway_poller_up")).isEqualTo(1);
		assertThat(scrape.value("gateway_poller_state", "state", "polling")).isEqualTo(1);
		assertThat(scrape.value("gateway_poller_state")).as("one state at a time").isEqualTo(1);
		assertThat(scrape.value("gateway_poller_last_success_age_seconds")).isBetween(0.0, 10.0);
		assertThat(scrape.value("gateway_poller_updates_received_total")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_poller_batch_size_sum")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_poller_poll_duration_seconds_count")).isGreaterThanOrEqualTo(2);
		assertThat(scrape.value("gateway_dispatch_capacity")).isEqualTo(10_000);
		assertThat(scrape.value("gateway_dispatch_updates_accepted_total")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_dispatch_updates_total", "outcome", "handled")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_dispatch_handler_duration_seconds_count")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_dispatch_lane_wait_seconds_count")).isGreaterThanOrEqualTo(4);
		assertThat(scrape.value("gateway_delivery_messages_sent_total")).isGreaterThanOrEqualTo(5);
		assertThat(scrape.value("gateway_delivery_rate_limited_total")).isEqualTo(1);
		assertThat(scrape.value("gateway_delivery_deliveries_total", "outcome", "retried")).isEqualTo(1);
		assertThat(scrape.value("gateway_delivery_deliveries_total", "outcome", "delivered")).isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("gateway_delivery_send_duration_seconds_count")).isGreaterThanOrEqualTo(7);
		assertThat(scrape.value("gateway_delivery_limiter_wait_seconds_count")).isGreaterThanOrEqualTo(7);
		assertThat(scrape.value("gateway_delivery_outbox_capacity")).isEqualTo(100_000);
		assertThat(scrape.value("http_server_requests_seconds_count", "client", "billing", "uri", NOTIFICATIONS,
				"status", "202"))
			.isGreaterThanOrEqualTo(1);
		assertThat(scrape.value("http_server_requests_seconds_count", "client", "shop", "uri", NOTIFICATIONS))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void whenManyChatsClientsAndPathsComeThenNoTagTakesTheirValues() {
		List<String> seen = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			long chat = 7_000_000L + i;
			long user = 7_500_000L + i;
			String text = "private words " + UUID.randomUUID();
			fake.userSendsText(chat, user, text);
			seen.addAll(List.of(Long.toString(chat), Long.toString(user), text));
		}
		for (int i = 0; i < 30; i++) {
			long chat = 7_800_000L + i;
			String text = "notification " + UUID.randomUUID();
			assertThat(notify((i % 2 == 0) ? BILLING : SHOP, chat, text)).isEqualTo(202);
			seen.addAll(List.of(Long.toString(chat), text));
		}
		for (int i = 0; i < 25; i++) {
			String key = "unknown-key-" + UUID.randomUUID();
			String id = UUID.randomUUID().toString();
			assertThat(notify(key, 7_900_000L + i, "refused")).isEqualTo(401);
			assertThat(get(NOTIFICATIONS + "/" + id, BILLING)).isEqualTo(404);
			assertThat(get("/api/v1/no-such-resource/" + id, SHOP)).isEqualTo(404);
			assertThat(get("/no-such-page/" + id, null)).isEqualTo(404);
			seen.addAll(List.of(key, id));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> fake.sentMessages()
				.stream()
				.filter((message) -> message.chatId() >= 7_000_000 && message.chatId() < 7_900_000)
				.count() == 530);

		Map<String, Map<String, Set<String>>> tags = tagValues();
		assertThat(tags).containsKeys("gateway.dispatch.lane.wait", "gateway.delivery.send.duration",
				"http.server.requests");
		tags.forEach((meter, values) -> values.forEach((key, tagValues) -> {
			assertThat(tagValues).as("values of tag %s of %s", key, meter).hasSizeLessThanOrEqualTo(MAX_TAG_VALUES);
			assertThat(tagValues).as("values of tag %s of %s", key, meter)
				.noneMatch((value) -> value.matches(".*\\d{5,}.*"))
				.noneMatch((value) -> seen.stream().anyMatch(value::contains));
		}));
		Map<String, Set<String>> requests = tags.getOrDefault("http.server.requests", Map.of());
		assertThat(requests.get("client")).containsExactlyInAnyOrder("billing", "shop", "none");
		assertThat(requests.get("uri")).contains(NOTIFICATIONS, NOTIFICATIONS + "/{id}")
			.allSatisfy((uri) -> assertThat(uri).matches("(/[a-z0-9._-]*|/\\{[a-zA-Z]+}|/\\*\\*)+|[A-Z_]+"));
	}

	private Map<String, Map<String, Set<String>>> tagValues() {
		Map<String, Map<String, Set<String>>> tags = new TreeMap<>();
		for (Meter meter : this.registry.getMeters()) {
			String name = meter.getId().getName();
			if (!name.startsWith("gateway.") && !name.startsWith("http.server.requests")) {
				continue;
			}
			Map<String, Set<String>> values = tags.computeIfAbsent(name, (key) -> new TreeMap<>());
			for (Tag tag : meter.getId().getTags()) {
				values.computeIfAbsent(tag.getKey(), (key) -> new TreeSet<>()).add(tag.getValue());
			}
		}
		return tags;
	}

	private int notify(String key, long chatId, String text) {
		String body = "{\"chatId\": " + chatId + ", \"text\": \"" + text + "\"}";
		return send(request(NOTIFICATIONS, key).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)));
	}

	private int get(String path, @Nullable String key) {
		return send(request(path, key).GET());
	}

	private HttpRequest.Builder request(String path, @Nullable String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(WAIT);
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return request;
	}

	private int send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long sentTo(long chatId) {
		return fake.sentTo(chatId).size();
	}

}
