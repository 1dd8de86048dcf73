package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.fake.SentMessage;
import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notification longer than one Telegram message arrives as several, in order, each
 * within Telegram's 4,096 characters, with the options on every part and the buttons
 * under the last.
 * <p>
 * Runs against both stores.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class LongNotificationTests {

	private final DeliveryStack stack;

	LongNotificationTests(StoreType storeType) {
		this.stack = new DeliveryStack(storeType, DeliveryStack.properties(DeliveryStack.TELEGRAM_LIMITS)).start();
	}

	@AfterEach
	void close() {
		this.stack.close();
	}

	@Test
	void whenTheTextHasTenThousandCharactersThenItArrivesAsThreeMessagesWithTheButtonsUnderTheLast() {
		String text = paragraphs(99, "", "").substring(0, 10_000);
		assertThat(text).hasSize(10_000);
		OutgoingMessage message = new OutgoingMessage(text, null, true, false, false,
				List.of(new UrlButton("Open", "https://example.com/report")));
		UUID id = this.stack
			.accepted(new NewNotification(DeliveryStack.CLIENT, new Recipient.Chat(8_001), message, null))
			.id();
		DeliveryView delivery = this.stack.awaitFinished(id).deliveries().getFirst();
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(delivery.messageIds()).hasSize(3);
		List<SentMessage> sent = this.stack.fake.sentTo(8_001);
		assertThat(sent).hasSize(3);
		assertThat(sent).extracting(SentMessage::messageId).containsExactlyElementsOf(delivery.messageIds());
		assertThat(sent).allSatisfy((part) -> {
			assertThat(part.text().length()).isLessThanOrEqualTo(4096);
			assertThat(part.request().path("disable_notification").asBoolean()).isTrue();
		});
		// In order: the parts put back together are the text (the paragraph breaks at
		// the cuts are dropped).
		assertThat(String.join("\n\n", sent.stream().map(SentMessage::text).toList())).isEqualTo(text);
		assertThat(sent.subList(0, 2)).allSatisfy((part) -> assertThat(part.request().has("reply_markup")).isFalse());
		assertThat(sent.getLast().request().get("reply_markup").toString()).contains("https://example.com/report");
	}

	@Test
	void whenALongHtmlTextIsSplitThenEveryPartKeepsItsMarkup() {
		// 9,178 visible characters.
		String text = "<b>" + paragraphs(90, "<i>", "</i>") + "</b>";
		OutgoingMessage message = new OutgoingMessage(text, ParseMode.HTML, false, false, false, List.of());
		UUID id = this.stack
			.accepted(new NewNotification(DeliveryStack.CLIENT, new Recipient.Chat(8_002), message, null))
			.id();
		assertThat(this.stack.awaitFinished(id).status()).isEqualTo(NotificationStatus.DELIVERED);
		List<SentMessage> sent = this.stack.fake.sentTo(8_002);
		assertThat(sent).hasSize(3);
		assertThat(sent).allSatisfy((part) -> {
			assertThat(part.request().path("parse_mode").asText()).isEqualTo("HTML");
			// The bold element open at each cut is closed and reopened.
			assertThat(part.text()).startsWith("<b>").endsWith("</b>");
			assertThat(part.text().split("<i>", -1).length).isEqualTo(part.text().split("</i>", -1).length);
		});
		assertThat(String.join("", sent.stream().map(SentMessage::text).toList()).replace("</b><b>", "\n\n"))
			.isEqualTo(text);
	}

	/**
	 * Numbered paragraphs of 100 visible characters each, the words wrapped in
	 * {@code open} and {@code close}, separated by paragraph breaks.
	 */
	private static String paragraphs(int count, String open, String close) {
		List<String> paragraphs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			paragraphs.add(String.format(Locale.ROOT, "p%03d", i) + (" " + open + "lorem" + close).repeat(16));
		}
		return String.join("\n\n", paragraphs);
	}

}
