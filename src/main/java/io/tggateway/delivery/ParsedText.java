package io.tggateway.delivery;

import java.util.List;

/**
 * A message text read the way Telegram reads it for one parse mode: what it shows, and
 * how to write a piece of it as a message that is well-formed on its own.
 */
sealed interface ParsedText permits PlainText, HtmlText, MarkdownV2Text {

	/**
	 * What Telegram shows for the text, with the places a message may end or begin.
	 * @return the visible text
	 */
	VisibleText visible();

	/**
	 * Writes each piece of the raw text as a message of its own, closing and reopening
	 * what the parse mode needs around a cut.
	 * @param pieces raw ranges, in order, each starting and ending where
	 * {@link VisibleText#rawPosition(int)} allows
	 * @return one message text per piece
	 */
	List<String> write(List<Piece> pieces);

	/**
	 * A range of the raw text that becomes one message.
	 *
	 * @param start raw offset of the first character
	 * @param end raw offset after the last character
	 */
	record Piece(int start, int end) {
	}

}
