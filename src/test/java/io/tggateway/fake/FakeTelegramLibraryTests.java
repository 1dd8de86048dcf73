package io.tggateway.fake;

import java.util.List;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake speaks the wire format on its own; these tests check that the TelegramBots
 * client the service is built on understands it (JSON and multipart requests, answers,
 * errors).
 */
class FakeTelegramLibraryTests {

	private final FakeTelegram fake = FakeTelegram.start();

	private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

	private final TelegramClient client = new OkHttpTelegramClient(this.http, FakeTelegram.TOKEN,
			new TelegramUrl("http", "127.0.0.1", this.fake.port(), false));

	@AfterEach
	void stop() {
		this.http.dispatcher().executorService().shutdown();
		this.http.connectionPool().evictAll();
		this.fake.close();
	}

	@Test
	void whenTheLibraryPollsAndSendsThenItUnderstandsTheAnswers() throws Exception {
		assertThat(this.client.execute(new org.telegram.telegrambots.meta.api.methods.GetMe()).getUserName())
			.isEqualTo("fake_bot");
		int updateId = this.fake.userSendsText(42, "/start hello");
		this.fake.userPressesButton(42, 42, "data");
		List<Update> updates = this.client.execute(GetUpdates.builder().offset(0).timeout(0).build());
		assertThat(updates).extracting(Update::getUpdateId).containsExactly(updateId, updateId + 1);
		Message command = updates.get(0).getMessage();
		// The library fills an entity's text only inside getEntities(); isCommand() is
		// false before.
		assertThat(command.getEntities()).extracting(MessageEntity::getText).containsExactly("/start");
		assertThat(command.isCommand()).isTrue();
		assertThat(updates.get(1).getCallbackQuery().getData()).isEqualTo("data");
		Message sent = this.client
			.execute(SendMessage.builder().chatId(42L).text("<b>Hi</b>").parseMode("HTML").build());
		assertThat(sent.getMessageId()).as("after the user's message and the pressed one").isEqualTo(3);
		assertThat(sent.getText()).isEqualTo("Hi");
		assertThat(this.fake.sentTo(42)).extracting(SentMessage::text).containsExactly("<b>Hi</b>");
	}

	@Test
	void whenTheLibraryConfiguresTheBotThenTheFakeStoresIt() throws Exception {
		this.client.execute(SetMyCommands.builder()
			.command(new org.telegram.telegrambots.meta.api.objects.commands.BotCommand("start", "Start"))
			.build());
		assertThat(this.fake.commands()).containsExactly(new BotCommand("start", "Start"));
		this.client.execute(SetWebhook.builder().url("https://example.org/hook").build());
		assertThat(this.fake.webhookUrl()).isEqualTo("https://example.org/hook");
		this.client.execute(DeleteWebhook.builder().dropPendingUpdates(true).build());
		assertThat(this.fake.webhookUrl()).isEmpty();
	}

	@Test
	void whenTheFakeRefusesThenTheLibrarySeesTheCodeAndParameters() {
		this.fake.migrateChat(-5, -1_000_000_000_005L);
		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(-5L).text("x").build()))
			.satisfies((ex) -> {
				assertThat(ex.getErrorCode()).isEqualTo(400);
				assertThat(ex.getParameters().getMigrateToChatId()).isEqualTo(-1_000_000_000_005L);
			});
		this.fake.injectFaults("sendMessage", 1, Fault.TOO_MANY_REQUESTS);
		assertThatExceptionOfType(TelegramApiRequestException.class)
			.isThrownBy(() -> this.client.execute(SendMessage.builder().chatId(1L).text("x").build()))
			.satisfies((ex) -> assertThat(ex.getParameters().getRetryAfter()).isEqualTo(1));
	}

}
