package io.tggateway.delivery;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a notification says, and how.
 *
 * @param text the text; longer than one Telegram message, it is sent as several, in order
 * @param parseMode how the text is formatted, or {@code null} for plain text
 * @param silent send without a notification sound ({@code disable_notification})
 * @param protectContent forbid forwarding and saving ({@code protect_content})
 * @param disableLinkPreview no link preview
 * @param buttons URL buttons under the (last) message, one per row
 */
public record OutgoingMessage(String text, @Nullable ParseMode parseMode, boolean silent, boolean protectContent,
		boolean disableLinkPreview, List<UrlButton> buttons) {

	public OutgoingMessage {
		buttons = List.copyOf(buttons);
	}

	/**
	 * A plain-text message with default options.
	 * @param text the text
	 * @return the message
	 */
	public static OutgoingMessage plain(String text) {
		return new OutgoingMessage(text, null, false, false, false, List.of());
	}

}
