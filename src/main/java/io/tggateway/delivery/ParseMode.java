package io.tggateway.delivery;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * How Telegram reads the markup of a message text: the Bot API's {@code parse_mode}.
 * Plain text, without markup, has no parse mode ({@code null} where one is taken).
 */
public enum ParseMode {

	/**
	 * Telegram's subset of HTML: tags for bold, links and so on, entities such as
	 * &amp;amp;.
	 */
	HTML("HTML"),

	/**
	 * Telegram's MarkdownV2: {@code *bold*}, {@code [text](url)}, {@code \.} and so on.
	 */
	MARKDOWN_V2("MarkdownV2");

	private final String wireName;

	ParseMode(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The value of {@code parse_mode} in a Bot API call.
	 * @return {@code "HTML"} or {@code "MarkdownV2"}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The parse mode a {@code parse_mode} value names, in any letter case.
	 * @param wireName {@code "HTML"} or {@code "MarkdownV2"}, or the same in other case
	 * @return the parse mode, or empty for anything else (legacy {@code "Markdown"}
	 * included)
	 */
	public static Optional<ParseMode> fromWireName(@Nullable String wireName) {
		for (ParseMode mode : values()) {
			if (mode.wireName.equalsIgnoreCase(wireName)) {
				return Optional.of(mode);
			}
		}
		return Optional.empty();
	}

}
