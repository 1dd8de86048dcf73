package io.tggateway.delivery;

import java.util.List;

import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Turns one part of a stored notification into a {@code sendMessage} call: the options on
 * every part, the buttons under the last.
 */
final class NotificationMessages {

	private NotificationMessages() {
	}

	static SendMessage part(StoredNotification notification, int index, long chatId) {
		OutgoingMessage message = notification.message();
		SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder()
			.chatId(chatId)
			.text(notification.parts().get(index));
		if (message.parseMode() != null) {
			builder.parseMode(message.parseMode().wireName());
		}
		if (message.silent()) {
			builder.disableNotification(true);
		}
		if (message.protectContent()) {
			builder.protectContent(true);
		}
		if (message.disableLinkPreview()) {
			builder.linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
		}
		boolean last = index == notification.parts().size() - 1;
		if (last && !message.buttons().isEmpty()) {
			List<InlineKeyboardRow> rows = message.buttons()
				.stream()
				.map((button) -> new InlineKeyboardRow(
						InlineKeyboardButton.builder().text(button.text()).url(button.url()).build()))
				.toList();
			builder.replyMarkup(new InlineKeyboardMarkup(rows));
		}
		return builder.build();
	}

}
