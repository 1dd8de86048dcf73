package io.tggateway.delivery;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tggateway.delivery.ParsedText.Piece;

/**
 * Splits a text that is longer than one Telegram message into several messages, without
 * ever breaking its markup; and checks markup the way Telegram would, before sending.
 *
 * <h2>How it works</h2>
 * <ul>
 * <li>The text is read the way Telegram reads it for its parse mode: what it shows (tags,
 * delimiters and escapes resolved), counted in UTF-16 code units, which is never less
 * than what Telegram counts; and where a message may end. Markup Telegram would reject
 * ("can't parse entities") is reported as an {@link InvalidMarkupException}.</li>
 * <li>A text that fits in {@link #MAX_LENGTH} visible characters is one message,
 * unchanged.</li>
 * <li>Otherwise each message takes as much as fits, and ends at the last paragraph break
 * ({@code "\n\n"}) that fits, else the last line break, else the last whitespace, else
 * anywhere (at a grapheme-cluster boundary when there is one, never between the halves of
 * a surrogate pair). The paragraph break, line break or whitespace at the cut is dropped;
 * a cut anywhere drops nothing. When only whitespace would follow a cut, it is dropped as
 * well: Telegram trims it, and a message of only whitespace would be rejected.</li>
 * <li>HTML: elements open at a cut are closed at the end of the message and reopened,
 * with their original start tags, at the start of the next.</li>
 * <li>MarkdownV2: a message may only end where no entity is open (between quoted lines is
 * fine). A span longer than a message cannot be split: {@link UnsplittableTextException}.
 * </li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class MessageSplitter {

	/** The most characters Telegram shows in one message, after entity parsing. */
	public static final int MAX_LENGTH = 4096;

	/**
	 * Splits a text into messages of at most {@link #MAX_LENGTH} visible characters.
	 * @param text the text, with its markup
	 * @param mode how the text is formatted, or {@code null} for plain text
	 * @return the messages, in order; the text itself if it fits in one
	 * @throws InvalidMarkupException if Telegram would reject the markup
	 * @throws UnsplittableTextException if the text has no place to end a message in
	 * {@link #MAX_LENGTH} characters (a MarkdownV2 span longer than a message)
	 */
	public List<String> split(String text, @Nullable ParseMode mode) {
		if (mode == null && text.length() <= MAX_LENGTH) {
			return List.of(text);
		}
		ParsedText parsed = parse(text, mode);
		VisibleText visible = parsed.visible();
		if (visible.length() <= MAX_LENGTH) {
			return List.of(text);
		}
		return parsed.write(pieces(visible, text.length(), mode));
	}

	/**
	 * Checks that Telegram would accept the markup of a text.
	 * @param text the text, with its markup
	 * @param mode how the text is formatted, or {@code null} for plain text (always
	 * accepted)
	 * @throws InvalidMarkupException if Telegram would reject the markup
	 */
	public void validate(String text, @Nullable ParseMode mode) {
		if (mode != null) {
			parse(text, mode);
		}
	}

	private static ParsedText parse(String text, @Nullable ParseMode mode) {
		if (mode == null) {
			return PlainText.parse(text);
		}
		return switch (mode) {
			case HTML -> HtmlText.parse(text);
			case MARKDOWN_V2 -> MarkdownV2Text.parse(text);
		};
	}

	private static List<Piece> pieces(VisibleText visible, int rawLength, @Nullable ParseMode mode) {
		List<Piece> pieces = new ArrayList<>();
		int start = 0;
		int rawStart = 0;
		while (visible.length() - start > MAX_LENGTH) {
			Cut cut = cut(visible, start);
			if (cut == null) {
				throw unsplittable(mode, rawStart);
			}
			pieces.add(new Piece(rawStart, visible.rawPosition(cut.end())));
			if (cut.next() > visible.lastNonWhitespace()) {
				return pieces;
			}
			start = cut.next();
			rawStart = visible.rawPosition(start);
		}
		pieces.add(new Piece(rawStart, rawLength));
		return pieces;
	}

	/** The best cut for a message that starts at visible index {@code start}. */
	private static @Nullable Cut cut(VisibleText visible, int start) {
		int limit = start + MAX_LENGTH;
		for (Boundary boundary : Boundary.values()) {
			for (int end = limit; end > start; end--) {
				int next = end + boundary.separatorLength;
				if (boundary.isAt(visible, end) && allowed(visible, end, next)) {
					return new Cut(end, next);
				}
			}
		}
		return anywhere(visible, start, limit);
	}

	/**
	 * A cut that drops nothing: at a grapheme-cluster boundary, else between code points.
	 */
	private static @Nullable Cut anywhere(VisibleText visible, int start, int limit) {
		BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
		// The boundary at limit depends on the code point that starts there.
		graphemes.setText(visible.text().substring(start, Math.min(visible.length(), limit + 2)));
		for (int end = graphemes.preceding(limit - start + 1); end > 0; end = graphemes.previous()) {
			if (allowed(visible, start + end, start + end)) {
				return new Cut(start + end, start + end);
			}
		}
		// A grapheme cluster longer than a message (such as a character with thousands of
		// combining marks) has to be cut inside.
		for (int end = limit; end > start; end--) {
			if (allowed(visible, end, end)) {
				return new Cut(end, end);
			}
		}
		return null;
	}

	/**
	 * Whether a message may end at gap {@code end} and the next begin at gap
	 * {@code next}; no next message is needed when only whitespace follows.
	 */
	private static boolean allowed(VisibleText visible, int end, int next) {
		return visible.canCut(end) && (next > visible.lastNonWhitespace() || visible.canCut(next));
	}

	private static UnsplittableTextException unsplittable(@Nullable ParseMode mode, int rawStart) {
		if (mode == ParseMode.MARKDOWN_V2) {
			return new UnsplittableTextException("MarkdownV2 text cannot be split into Telegram messages: "
					+ "a formatted span (bold, italic, code, link...) starting at offset " + rawStart
					+ " is longer than one Telegram message (" + MAX_LENGTH + " characters), and a MarkdownV2 span"
					+ " cannot continue into the next message. Shorten the span, or send the text with parse_mode"
					+ " HTML, which can be split across messages, or as plain text.");
		}
		String where = (mode == ParseMode.HTML) ? "they are all inside one <tg-emoji> element"
				: "they are unpaired surrogates";
		return new UnsplittableTextException("The text cannot be split into Telegram messages: the " + MAX_LENGTH
				+ " characters from offset " + rawStart + " have no place where a message may end (" + where
				+ "). Shorten that part of the text.");
	}

	/**
	 * Where one message ends and the next begins, in visible characters; what lies
	 * between is the dropped separator.
	 *
	 * @param end gap where the message ends
	 * @param next gap where the next message begins
	 */
	private record Cut(int end, int next) {
	}

	/**
	 * A place to end a message, by preference.
	 */
	private enum Boundary {

		PARAGRAPH(2), LINE(1), WHITESPACE(1);

		private final int separatorLength;

		Boundary(int separatorLength) {
			this.separatorLength = separatorLength;
		}

		boolean isAt(VisibleText visible, int index) {
			char c = visible.charAt(index);
			return switch (this) {
				case PARAGRAPH -> c == '\n' && index + 1 < visible.length() && visible.charAt(index + 1) == '\n';
				case LINE -> c == '\n';
				case WHITESPACE -> Character.isWhitespace(c);
			};
		}

	}

}
