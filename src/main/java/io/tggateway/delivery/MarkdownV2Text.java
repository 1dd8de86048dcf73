package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * A text in Telegram's MarkdownV2, read the way Telegram's parser (TDLib's
 * {@code parse_markdown_v2}) reads it. Delimiters, a link's {@code (url)} and a block
 * quotation's {@code >} count zero characters; an escape such as {@code \.} counts one.
 * <p>
 * A MarkdownV2 entity cannot be closed and reopened the way an HTML element can, so a
 * message may only end where no entity is open. Block quotations are the exception: a
 * message may end between (or inside) quoted lines; the next message then starts its own
 * quotation, and an expandable quotation keeps its {@code ||} mark in every message.
 */
final class MarkdownV2Text implements ParsedText {

	private final String raw;

	private final VisibleText visible;

	/** Every block quotation, in order. */
	private final List<Quote> quotes;

	MarkdownV2Text(String raw, VisibleText visible, List<Quote> quotes) {
		this.raw = raw;
		this.visible = visible;
		this.quotes = quotes;
	}

	/**
	 * Reads a text.
	 * @param raw the text
	 * @return the text as Telegram reads it
	 * @throws InvalidMarkupException for markup Telegram rejects
	 */
	static MarkdownV2Text parse(String raw) {
		return new MarkdownV2Parser(raw).parse();
	}

	@Override
	public VisibleText visible() {
		return this.visible;
	}

	@Override
	public List<String> write(List<Piece> pieces) {
		List<String> parts = new ArrayList<>(pieces.size());
		int index = 0;
		for (Piece piece : pieces) {
			StringBuilder part = new StringBuilder(piece.end() - piece.start() + 3);
			index = quoteAt(index, piece.start());
			if (index < this.quotes.size() && this.quotes.get(index).startsInside(piece.start())
					&& "\n>".indexOf(this.raw.charAt(piece.start())) < 0) {
				// The message starts in the middle of a quoted line.
				part.append('>');
			}
			part.append(this.raw, piece.start(), piece.end());
			index = quoteAt(index, piece.end());
			if (piece.end() < this.raw.length() && index < this.quotes.size()
					&& this.quotes.get(index).endsInside(piece.end()) && this.quotes.get(index).expandable()) {
				part.append("||");
			}
			parts.add(part.toString());
		}
		return parts;
	}

	/**
	 * The first quotation from {@code index} on that does not end before the position.
	 */
	private int quoteAt(int index, int position) {
		int at = index;
		while (at < this.quotes.size() && this.quotes.get(at).end() < position) {
			at++;
		}
		return at;
	}

	/**
	 * A block quotation.
	 *
	 * @param marker raw offset of its first {@code >}
	 * @param end raw offset of the line break that ends it, or the text's length
	 * @param expandable whether its last line ends with the expandability mark {@code ||}
	 */
	record Quote(int marker, int end, boolean expandable) {

		boolean startsInside(int position) {
			return this.marker < position && position < this.end;
		}

		boolean endsInside(int position) {
			return this.marker < position && position <= this.end;
		}

	}

}
