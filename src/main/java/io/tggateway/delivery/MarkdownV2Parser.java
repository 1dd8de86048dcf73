package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;

import io.tggateway.delivery.MarkdownV2Text.Quote;

/**
 * Reads a text in Telegram's MarkdownV2 the way Telegram does (a port of TDLib's
 * {@code parse_markdown_v2} state machine), and rejects what Telegram rejects, with a
 * message that says what to change.
 */
final class MarkdownV2Parser {

	/** Characters that mean markup outside code; a line break may end a quotation. */
	private static final String RESERVED = "_*[]()~`>#+-=|{}.!\n";

	private final String raw;

	private final VisibleText.Builder visible;

	private final List<Entity> open = new ArrayList<>();

	private final List<Quote> quotes = new ArrayList<>();

	/** Open entities other than a block quotation. */
	private int depth;

	private boolean inQuote;

	private int quoteMarker;

	/** Whether a {@code >} here starts a quotation: at the start of a line. */
	private boolean canStartQuote = true;

	MarkdownV2Parser(String raw) {
		this.raw = raw;
		this.visible = new VisibleText.Builder(raw.length());
	}

	private char at(int index) {
		return (index < this.raw.length()) ? this.raw.charAt(index) : 0;
	}

	private static boolean isEscapable(char c) {
		return c >= 1 && c <= 126;
	}

	private Kind top() {
		return this.open.getLast().kind();
	}

	MarkdownV2Text parse() {
		int i = 0;
		while (i < this.raw.length()) {
			char c = this.raw.charAt(i);
			if (c == '\\' && isEscapable(at(i + 1))) {
				char escaped = this.raw.charAt(i + 1);
				this.visible.character(escaped, i + 2);
				if (escaped != '\r') {
					this.canStartQuote = escaped == '\n';
				}
				i += 2;
				continue;
			}
			boolean inCode = !this.open.isEmpty() && (top() == Kind.CODE || top() == Kind.PRE);
			if (inCode ? c != '`' : RESERVED.indexOf(c) < 0) {
				this.visible.character(c, ++i);
				if (c != '\r') {
					this.canStartQuote = false;
				}
				continue;
			}
			i = closes(c, i) ? close(c, i) : open(c, i);
		}
		finish();
		return new MarkdownV2Text(this.raw, this.visible.build(), List.copyOf(this.quotes));
	}

	private boolean closes(char c, int i) {
		if (this.open.isEmpty()) {
			return false;
		}
		if (this.inQuote && c == '\n' && at(i + 1) != '>') {
			return true;
		}
		return switch (top()) {
			case BOLD -> c == '*';
			case ITALIC -> c == '_' && at(i + 1) != '_';
			case UNDERLINE -> c == '_' && at(i + 1) == '_';
			case STRIKETHROUGH -> c == '~';
			case SPOILER -> c == '|' && at(i + 1) == '|';
			case CODE -> c == '`';
			case PRE -> c == '`' && at(i + 1) == '`' && at(i + 2) == '`';
			case LINK, CUSTOM_EMOJI -> c == ']';
			case QUOTE -> false;
		};
	}

	private int open(char c, int i) {
		return switch (c) {
			case '_' -> (at(i + 1) == '_') ? push(Kind.UNDERLINE, i, i + 2) : push(Kind.ITALIC, i, i + 1);
			case '*' -> push(Kind.BOLD, i, i + 1);
			case '~' -> push(Kind.STRIKETHROUGH, i, i + 1);
			case '|' -> (at(i + 1) == '|') ? push(Kind.SPOILER, i, i + 2) : reserved(c, i);
			case '[' -> push(Kind.LINK, i, i + 1);
			case '`' -> (at(i + 1) == '`' && at(i + 2) == '`') ? push(Kind.PRE, i, codeBlockStart(i + 3))
					: push(Kind.CODE, i, i + 1);
			case '!' -> (at(i + 1) == '[') ? push(Kind.CUSTOM_EMOJI, i, i + 2) : reserved(c, i);
			case '\n' -> {
				this.visible.character(c, i + 1);
				this.canStartQuote = true;
				yield i + 1;
			}
			case '>' -> {
				if (!this.canStartQuote) {
					yield reserved(c, i);
				}
				if (!this.inQuote) {
					this.inQuote = true;
					this.quoteMarker = i;
					this.open.add(new Entity(Kind.QUOTE, i));
				}
				this.visible.markup(i + 1, this.depth, this.depth);
				yield i + 1;
			}
			default -> reserved(c, i);
		};
	}

	/**
	 * Skips the language and the one line break that follow an opening {@code ```}.
	 */
	private int codeBlockStart(int from) {
		int i = from;
		int languageEnd = i;
		while (languageEnd < this.raw.length() && !isSpace(this.raw.charAt(languageEnd))
				&& this.raw.charAt(languageEnd) != '`') {
			languageEnd++;
		}
		if (languageEnd != i && languageEnd < this.raw.length() && this.raw.charAt(languageEnd) != '`') {
			i = languageEnd;
		}
		if (at(i) == '\n' || at(i) == '\r') {
			boolean pair = (at(i + 1) == '\n' || at(i + 1) == '\r') && at(i) != at(i + 1);
			i += pair ? 2 : 1;
		}
		return i;
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
	}

	private int push(Kind kind, int start, int end) {
		this.open.add(new Entity(kind, start));
		this.depth++;
		this.visible.markup(end, this.depth, this.depth);
		return end;
	}

	private int pop(int end) {
		this.open.removeLast();
		this.depth--;
		this.visible.markup(end, this.depth, this.depth);
		return end;
	}

	private int close(char c, int i) {
		if (c == '\n' && top() != Kind.QUOTE) {
			// The quotation ends here; only the expandability mark "||" may be open.
			Entity entity = this.open.getLast();
			boolean mark = entity.kind() == Kind.SPOILER
					&& (entity.start() == i - 2 || (entity.start() == i - 3 && at(i - 1) == '\r'));
			if (!mark) {
				throw unclosed(entity);
			}
			pop(i);
			if (top() != Kind.QUOTE) {
				throw unclosed(this.open.getLast());
			}
			return endQuote(i, true);
		}
		return switch (top()) {
			case BOLD, ITALIC, STRIKETHROUGH, CODE -> pop(i + 1);
			case UNDERLINE, SPOILER -> pop(i + 2);
			case PRE -> pop(i + 3);
			case LINK -> pop((at(i + 1) == '(') ? url(i + 2) : i + 1);
			case CUSTOM_EMOJI -> {
				if (at(i + 1) != '(') {
					throw invalid("the custom emoji at offset " + this.open.getLast().start()
							+ " must be followed by its URL: ![emoji](tg://emoji?id=...)");
				}
				yield pop(url(i + 2));
			}
			case QUOTE -> endQuote(i, false);
		};
	}

	/**
	 * Reads the {@code (url)} of a link: only {@code )} and {@code \} are escaped.
	 */
	private int url(int from) {
		int i = from;
		while (i < this.raw.length() && this.raw.charAt(i) != ')') {
			i += (this.raw.charAt(i) == '\\' && isEscapable(at(i + 1))) ? 2 : 1;
		}
		if (i >= this.raw.length()) {
			throw invalid("the URL at offset " + from + " is not closed with ')': escape a ')' inside it as \\)");
		}
		return i + 1;
	}

	private int endQuote(int lineBreak, boolean expandable) {
		this.open.removeLast();
		this.inQuote = false;
		this.quotes.add(new Quote(this.quoteMarker, lineBreak, expandable));
		this.visible.character('\n', lineBreak + 1);
		this.canStartQuote = true;
		return lineBreak + 1;
	}

	private void finish() {
		int end = this.raw.length();
		if (this.inQuote) {
			boolean expandable = top() == Kind.SPOILER && this.open.getLast().start() == end - 2;
			if (expandable) {
				pop(end);
			}
			if (top() == Kind.QUOTE) {
				this.open.removeLast();
				this.inQuote = false;
				this.quotes.add(new Quote(this.quoteMarker, end, expandable));
			}
		}
		if (!this.open.isEmpty()) {
			throw unclosed(this.open.getLast());
		}
	}

	private int reserved(char c, int i) {
		throw invalid("character '" + c + "' at offset " + i
				+ " is reserved and must be escaped with the preceding '\\': write \\" + c);
	}

	private static InvalidMarkupException unclosed(Entity entity) {
		Kind kind = entity.kind();
		return invalid("the " + kind.description + " opened with '" + kind.delimiter + "' at offset " + entity.start()
				+ " is never closed: close it, or escape the '" + kind.delimiter.charAt(0) + "' as \\"
				+ kind.delimiter.charAt(0) + " if it is meant literally");
	}

	private static InvalidMarkupException invalid(String problem) {
		return new InvalidMarkupException("MarkdownV2: " + problem);
	}

	/**
	 * A MarkdownV2 entity.
	 */
	private enum Kind {

		BOLD("bold text", "*"), ITALIC("italic text", "_"), UNDERLINE("underlined text", "__"),
		STRIKETHROUGH("strikethrough text", "~"), SPOILER("spoiler", "||"), CODE("inline code", "`"),
		PRE("code block", "```"), LINK("link", "["), CUSTOM_EMOJI("custom emoji", "!["), QUOTE("block quotation", ">");

		private final String description;

		private final String delimiter;

		Kind(String description, String delimiter) {
			this.description = description;
			this.delimiter = delimiter;
		}

	}

	/**
	 * An entity whose end has not been read yet.
	 *
	 * @param kind what it is
	 * @param start raw offset of its opening delimiter
	 */
	private record Entity(Kind kind, int start) {
	}

}
