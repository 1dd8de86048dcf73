package io.tggateway.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.tggateway.audience.AudienceRepositories;
import io.tggateway.audience.TopicProperties;
import io.tggateway.audience.Topics;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.store.StoreType;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotToken;
import io.tggateway.telegram.TelegramProperties;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery engine wired with {@code new} as {@link DeliveryConfiguration} wires it
 * (the outbox and the audience of one store, one send path) against its own fake Bot API,
 * with short retry back-offs. Topics {@value #TOPIC} and {@value #QUIET_TOPIC} are
 * declared. With the {@code jdbc} store it works on a fresh schema of the test database,
 * and its engine is durable (it does not drain on stop), as in the service.
 * {@link #close()} stops the engine, the client and the fake, and closes the database
 * connections.
 */
final class DeliveryStack implements AutoCloseable {

	static final String TOPIC = "releases";

	static final String QUIET_TOPIC = "quiet";

	static final String CLIENT = "billing";

	/** Telegram's limits as the service configures them by default. */
	static final DeliveryProperties.Limits TELEGRAM_LIMITS = new DeliveryProperties.Limits(true, 30, 1, 2, 20);

	static final DeliveryProperties.Limits NO_LIMITS = new DeliveryProperties.Limits(false, 30, 1, 2, 20);

	/** The longest any test waits for deliveries to finish. */
	static final Duration WAIT = Duration.ofSeconds(20);

	final FakeTelegram fake = FakeTelegram.start();

	final StoreType storeType;

	final @Nullable HikariDataSource dataSource;

	final AudienceRepositories audience;

	final DeliveryProperties properties;

	final BotApiClient api;

	final SendRateLimiter limiter;

	final TelegramSender sender;

	final OutboxStore store;

	final DeliveryCounters counters = new DeliveryCounters();

	final DeliveryEngine engine;

	final NotificationOutbox.Recipients recipients;

	final NotificationOutbox outbox;

	DeliveryStack(StoreType storeType, DeliveryProperties properties) {
		this(storeType, properties, Duration.ofSeconds(5));
	}

	DeliveryStack(StoreType storeType, DeliveryProperties properties, Duration drainTimeout) {
		this.storeType = storeType;
		this.properties = properties;
		if (storeType == StoreType.JDBC) {
			HikariDataSource pool = TestDatabase.migratedSchema(properties.senders() + 4);
			JdbcClient jdbc = JdbcClient.create(pool);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
			this.dataSource = pool;
			this.audience = AudienceRepositories.jdbc(jdbc, transactions);
			this.store = new JdbcOutboxStore(jdbc, transactions, properties.idempotencyTtl());
		}
		else {
			this.dataSource = null;
			this.audience = AudienceRepositories.memory();
			this.store = new MemoryOutboxStore(properties.retainedNotifications(), properties.idempotencyTtl());
		}
		this.api = BotApiClient.create(new TelegramProperties(new BotToken(FakeTelegram.TOKEN),
				URI.create(this.fake.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5), 64));
		this.limiter = new SendRateLimiter(properties.limits());
		this.sender = new TelegramSender(this.api, this.limiter,
				new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)));
		DeliveryAttempt attempt = new DeliveryAttempt(this.store, this.sender, this.limiter, properties,
				new DeliveryAttempt.Audience(this.audience.links(), this.audience.subscriptions(),
						this.audience.chats()),
				Clock.systemUTC(), this.counters);
		this.engine = new DeliveryEngine(this.store, attempt, this.limiter, properties, Clock.systemUTC(), drainTimeout,
				this.counters, storeType == StoreType.JDBC);
		Topics topics = new Topics(new TopicProperties(Map.of(TOPIC, new TopicProperties.Definition("New releases"),
				QUIET_TOPIC, new TopicProperties.Definition("Nobody follows this"))));
		this.recipients = new NotificationOutbox.Recipients(topics, this.audience.links(),
				this.audience.subscriptions(), this.audience.chats());
		this.outbox = outbox(Clock.systemUTC());
	}

	/**
	 * Another entrance to the same outbox, with its own clock.
	 */
	NotificationOutbox outbox(Clock clock) {
		return new NotificationOutbox(this.store, this.engine, this.recipients, this.properties, clock);
	}

	/**
	 * Test settings: 16 senders, retries after 100 ms to 500 ms, generous attempts and
	 * age.
	 */
	static DeliveryProperties properties(DeliveryProperties.Limits limits) {
		return properties(limits, 100, Duration.ofHours(1), 10_000);
	}

	static DeliveryProperties properties(DeliveryProperties.Limits limits, int maxAttempts, Duration maxAge,
			int outboxCapacity) {
		return new DeliveryProperties(limits, 16, outboxCapacity, Duration.ofMillis(100), Duration.ofMillis(500),
				maxAttempts, maxAge, Duration.ofHours(24), Duration.ofDays(7), 100_000);
	}

	DeliveryStack start() {
		this.api.start();
		this.engine.start();
		return this;
	}

	/**
	 * Sends one message through the whole path and forgets it, so that connection set-up
	 * and class loading do not fall into a measurement.
	 */
	void warmUp(long chatId) {
		NotificationView view = accepted(new Recipient.Chat(chatId), "warm-up");
		awaitFinished(view.id());
		await().atMost(WAIT).until(() -> this.fake.sentTo(chatId).size() == 1);
		this.fake.clearSent();
	}

	NotificationView accepted(Recipient recipient, String text) {
		return accepted(new NewNotification(CLIENT, recipient, OutgoingMessage.plain(text), null));
	}

	NotificationView accepted(NewNotification request) {
		AcceptResult result = this.outbox.accept(request);
		assertThat(result).isInstanceOf(AcceptResult.Accepted.class);
		return ((AcceptResult.Accepted) result).notification();
	}

	NotificationView view(UUID id) {
		Optional<NotificationView> view = this.outbox.find(CLIENT, id);
		assertThat(view).isPresent();
		return view.orElseThrow();
	}

	/**
	 * Waits until every delivery of the notification is delivered or failed.
	 */
	NotificationView awaitFinished(UUID id) {
		return awaitFinished(id, WAIT);
	}

	NotificationView awaitFinished(UUID id, Duration atMost) {
		await().atMost(atMost)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> view(id).deliveries().stream().allMatch((delivery) -> delivery.status().isFinal()));
		return view(id);
	}

	List<String> textsSentTo(long chatId) {
		return this.fake.sentTo(chatId).stream().map(SentMessage::text).toList();
	}

	@Override
	public void close() {
		this.engine.stop();
		this.api.stop();
		this.fake.close();
		if (this.dataSource != null) {
			this.dataSource.close();
		}
	}

}
