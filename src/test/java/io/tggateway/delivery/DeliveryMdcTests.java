package io.tggateway.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.tggateway.delivery.OutboxStore.Claim;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery attempt's log lines carry its notification id in the MDC, and the id is gone
 * when the attempt ends: senders are reused for every delivery.
 */
class DeliveryMdcTests {

	private final DeliveryStack stack = new DeliveryStack(StoreType.MEMORY,
			DeliveryStack.properties(DeliveryStack.NO_LIMITS));

	private final Logger attemptLogger = (Logger) LoggerFactory.getLogger(DeliveryAttempt.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final Level level = this.attemptLogger.getLevel();

	@AfterEach
	void close() {
		this.attemptLogger.detachAppender(this.logged);
		this.attemptLogger.setLevel(this.level);
		this.stack.close();
	}

	@Test
	void whenAnAttemptLogsThenTheLineCarriesTheNotificationIdAndTheMdcIsClearedAfterwards() throws Exception {
		this.logged.start();
		this.attemptLogger.addAppender(this.logged);
		this.attemptLogger.setLevel(Level.DEBUG);
		this.stack.api.start();
		this.stack.fake.blockChat(4242);
		NotificationView view = this.stack.accepted(new Recipient.Chat(4242), "hello");
		List<Claim> claims = this.stack.store.claimDue(1, Instant.now());
		assertThat(claims).hasSize(1);
		DeliveryAttempt attempt = new DeliveryAttempt(this.stack.store, this.stack.sender, this.stack.limiter,
				this.stack.properties, new DeliveryAttempt.Audience(this.stack.audience.links(),
						this.stack.audience.subscriptions(), this.stack.audience.chats()),
				Clock.systemUTC(), this.stack.counters);

		attempt.run(claims.getFirst());

		assertThat(this.logged.list).filteredOn((event) -> event.getFormattedMessage().contains("failed"))
			.isNotEmpty()
			.allSatisfy((event) -> assertThat(event.getMDCPropertyMap())
				.containsEntry(DeliveryAttempt.NOTIFICATION_ID_KEY, view.id().toString()));
		assertThat(MDC.get(DeliveryAttempt.NOTIFICATION_ID_KEY)).isNull();
	}

}
