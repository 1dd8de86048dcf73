package io.tggateway.delivery;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotToken;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;
import io.tggateway.telegram.TelegramProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TelegramSender} against the fake Bot API.
 */
class TelegramSenderTests {

	private final FakeTelegram fake = FakeTelegram.start();

	private final BotApiClient api = BotApiClient.create(new TelegramProperties(new BotToken(FakeTelegram.TOKEN),
			URI.create(this.fake.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(2), 16));

	private final TelegramSender sender = new TelegramSender(this.api,
			new SendRateLimiter(new DeliveryProperties.Limits(false, 30, 1, 2, 20)),
			new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)));

	@AfterEach
	void close() {
		this.api.stop();
		this.fake.close();
	}

	@Test
	void whenTelegramAnswers429ThenTheSenderWaitsRetryAfterAndDelivers() throws Exception {
		this.fake.injectFaults("sendMessage", 1, Fault.TOO_MANY_REQUESTS);
		long started = System.nanoTime();
		this.sender.send(message(1, "hello"), SendPriority.INTERACTIVE);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(this.fake.sentTo(1)).hasSize(1);
		assertThat(this.sender.stats().tooManyRequests()).isEqualTo(1);
	}

	@Test
	void whenTelegramFailsTransientlyThenTheSenderRetriesUntilDelivered() throws Exception {
		this.fake.injectFaults("sendMessage", 2, Fault.SERVER_ERROR_JSON);
		this.sender.send(message(2, "hello"), SendPriority.INTERACTIVE);
		assertThat(this.fake.sentTo(2)).hasSize(1);
		assertThat(this.fake.sendAttempts()).isEqualTo(3);
	}

	@Test
	void whenTheChatBlockedTheBotThenTheFailureIsFinalAfterOneAttempt() {
		this.fake.blockChat(3);
		assertThatExceptionOfType(TelegramCallException.class)
			.isThrownBy(() -> this.sender.send(message(3, "hello"), SendPriority.INTERACTIVE))
			.satisfies((ex) -> assertThat(ex.failure()).isInstanceOf(TelegramFailure.Forbidden.class));
		assertThat(this.fake.sendAttempts()).isEqualTo(1);
	}

	@Test
	void whenTelegramKeepsFailingThenTheSenderGivesUpAfterItsAttempts() {
		this.fake.injectFaults("sendMessage", 10, Fault.SERVER_ERROR_JSON);
		assertThatExceptionOfType(TelegramCallException.class)
			.isThrownBy(() -> this.sender.send(message(4, "hello"), SendPriority.INTERACTIVE))
			.satisfies((ex) -> assertThat(ex.failure()).isInstanceOf(TelegramFailure.Transient.class));
		assertThat(this.fake.sendAttempts()).isEqualTo(4);
	}

	@Test
	void whenTheAnswerIsLostThenTheMessageIsSentAgainRatherThanLost() throws Exception {
		this.fake.injectFaults("sendMessage", 1, Fault.RESPONSE_LOST);
		this.sender.send(message(5, "at least once"), SendPriority.INTERACTIVE);
		assertThat(this.fake.sentTo(5)).hasSize(2);
	}

	private static SendMessage message(long chatId, String text) {
		return SendMessage.builder().chatId(chatId).text(text).build();
	}

}
