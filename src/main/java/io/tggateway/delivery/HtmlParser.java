package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.tggateway.delivery.HtmlText.Tag;

/**
 * Reads a text in Telegram's HTML the way Telegram does (TDLib's {@code parse_html}), and
 * rejects what Telegram rejects, with a message that says what to change. Stricter than
 * Telegram in one place: an {@code &} must start one of the entities Telegram documents.
 */
final class HtmlParser {

	private static final List<String> TAGS = List.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span",
			"tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");

	private final String raw;

	private final VisibleText.Builder visible;

	private final List<Tag> tags = new ArrayList<>();

	private final List<Element> open = new ArrayList<>();

	/** Open {@code <tg-emoji>} elements: no message may end inside one. */
	private int emojis;

	HtmlParser(String raw) {
		this.raw = raw;
		this.visible = new VisibleText.Builder(raw.length());
	}

	private char at(int index) {
		return (index < this.raw.length()) ? this.raw.charAt(index) : 0;
	}

	HtmlText parse() {
		int i = 0;
		while (i < this.raw.length()) {
			char c = this.raw.charAt(i);
			if (c == '<') {
				i = (at(i + 1) == '/') ? endTag(i) : startTag(i);
			}
			else if (c == '&') {
				i = entity(i);
			}
			else {
				this.visible.character(c, ++i);
			}
		}
		if (!this.open.isEmpty()) {
			Element element = this.open.getLast();
			throw invalid("<" + element.name() + "> at offset " + element.start() + " is never closed: add </"
					+ element.name() + ">");
		}
		return new HtmlText(this.raw, this.visible.build(), List.copyOf(this.tags));
	}

	private int entity(int start) {
		int i = start + 1;
		int codePoint = -1;
		if (at(i) == '#') {
			int radix = (at(i + 1) == 'x') ? 16 : 10;
			i += (radix == 16) ? 2 : 1;
			int digits = i;
			while (isDigit(at(i), radix)) {
				i++;
			}
			// Telegram reads at most 7 digits (6 in hex), and only code points that
			// make valid UTF-8.
			if (i > digits && i - start < 10 && at(i) == ';') {
				int value = Integer.parseInt(this.raw, digits, i, radix);
				boolean surrogate = value >= Character.MIN_SURROGATE && value <= Character.MAX_SURROGATE;
				codePoint = (value > 0 && value < Character.MAX_CODE_POINT && !surrogate) ? value : -1;
			}
		}
		else {
			while (isAsciiLetter(at(i))) {
				i++;
			}
			if (at(i) == ';') {
				codePoint = switch (this.raw.substring(start + 1, i)) {
					case "lt" -> '<';
					case "gt" -> '>';
					case "amp" -> '&';
					case "quot" -> '"';
					default -> -1;
				};
			}
		}
		if (codePoint < 0) {
			// Like Telegram: an '&' that starts no entity it knows is shown as it is.
			this.visible.character('&', start + 1);
			return start + 1;
		}
		int end = i + 1;
		for (char c : Character.toChars(codePoint)) {
			this.visible.character(c, end);
		}
		return end;
	}

	private int startTag(int start) {
		int i = start + 1;
		while (i < this.raw.length() && !isSpace(this.raw.charAt(i)) && this.raw.charAt(i) != '>') {
			i++;
		}
		String name = this.raw.substring(start + 1, i).toLowerCase(Locale.ROOT);
		if (name.isEmpty() || !isAsciiLetter(name.charAt(0))) {
			throw invalid("'<' at offset " + start + " does not start a tag: write &lt; for a literal '<'");
		}
		if (!TAGS.contains(name)) {
			throw invalid("<" + name + "> at offset " + start + " is not a tag Telegram supports ("
					+ String.join(", ", TAGS) + "): write &lt; for a literal '<'");
		}
		String spanClass = null;
		String emojiId = null;
		while (true) {
			i = skipSpaces(i, name, start);
			if (this.raw.charAt(i) == '>') {
				break;
			}
			int nameStart = i;
			while (i < this.raw.length() && !isSpace(this.raw.charAt(i)) && "=>/\"'".indexOf(this.raw.charAt(i)) < 0) {
				i++;
			}
			if (i == nameStart) {
				throw invalid("<" + name + "> at offset " + start + " has a malformed attribute at offset " + i
						+ ": write attributes as name=\"value\"");
			}
			String attribute = this.raw.substring(nameStart, i);
			i = skipSpaces(i, name, start);
			if (this.raw.charAt(i) != '=') {
				// An attribute without a value, such as blockquote's "expandable".
				continue;
			}
			i = skipSpaces(i + 1, name, start);
			String value;
			char quote = this.raw.charAt(i);
			if (quote == '"' || quote == '\'') {
				int valueStart = ++i;
				while (i < this.raw.length() && this.raw.charAt(i) != quote) {
					i++;
				}
				value = this.raw.substring(valueStart, i);
				i = skipSpaces(i + 1, name, start);
			}
			else {
				int valueStart = i;
				while (i < this.raw.length() && isNameTokenCharacter(this.raw.charAt(i))) {
					i++;
				}
				value = this.raw.substring(valueStart, i).toLowerCase(Locale.ROOT);
				if (i < this.raw.length() && !isSpace(this.raw.charAt(i)) && this.raw.charAt(i) != '>') {
					throw invalid("the value of " + attribute + " in <" + name + "> at offset " + start
							+ " must be in quotes");
				}
			}
			if (name.equals("span") && attribute.equals("class") && value.startsWith("tg-")) {
				spanClass = value;
			}
			else if (name.equals("tg-emoji") && attribute.equals("emoji-id")) {
				emojiId = value;
			}
		}
		if (name.equals("span") && !"tg-spoiler".equals(spanClass)) {
			throw invalid("<span> at offset " + start
					+ " must have class=\"tg-spoiler\": it is the only span Telegram supports");
		}
		int end = i + 1;
		this.open.add(new Element(name, start, this.visible.length(), emojiId));
		this.tags.add(new Tag(start, end, name, true));
		if (name.equals("tg-emoji")) {
			this.emojis++;
		}
		this.visible.markup(end, this.open.size(), this.emojis);
		return end;
	}

	/** Skips whitespace inside a start tag that must go on. */
	private int skipSpaces(int from, String name, int start) {
		int i = from;
		while (i < this.raw.length() && isSpace(this.raw.charAt(i))) {
			i++;
		}
		if (i >= this.raw.length()) {
			throw invalid("<" + name + "> at offset " + start
					+ " is not closed with '>': end the tag, or write &lt; for a literal '<'");
		}
		return i;
	}

	private int endTag(int start) {
		int i = start + 2;
		while (i < this.raw.length() && !isSpace(this.raw.charAt(i)) && this.raw.charAt(i) != '>') {
			i++;
		}
		String name = this.raw.substring(start + 2, i).toLowerCase(Locale.ROOT);
		while (i < this.raw.length() && isSpace(this.raw.charAt(i))) {
			i++;
		}
		if (this.open.isEmpty()) {
			throw invalid("</" + name + "> at offset " + start + " closes a tag that is not open: remove it");
		}
		if (at(i) != '>') {
			throw invalid("</" + name + "> at offset " + start + " is not closed with '>'");
		}
		Element element = this.open.getLast();
		// Telegram lets "</>" close any element.
		if (!name.isEmpty() && !name.equals(element.name())) {
			throw invalid("</" + name + "> at offset " + start + " does not match the open tag <" + element.name()
					+ "> (offset " + element.start() + "): close tags in the reverse order of opening");
		}
		if (element.name().equals("tg-emoji") && this.visible.length() > element.visibleStart()
				&& !isEmojiId(element.emojiId())) {
			throw invalid("<tg-emoji> at offset " + element.start()
					+ " needs the custom emoji's numeric identifier in emoji-id");
		}
		this.open.removeLast();
		if (element.name().equals("tg-emoji")) {
			this.emojis--;
		}
		int end = i + 1;
		this.tags.add(new Tag(start, end, element.name(), false));
		this.visible.markup(end, this.open.size(), this.emojis);
		return end;
	}

	private static boolean isEmojiId(@Nullable String id) {
		if (id == null) {
			return false;
		}
		if (id.contains("&")) {
			// Written with entities: leave the judgement to Telegram.
			return true;
		}
		try {
			return Long.parseLong(id) != 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static InvalidMarkupException invalid(String problem) {
		return new InvalidMarkupException("HTML: " + problem);
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isNameTokenCharacter(char c) {
		return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
	}

	private static boolean isDigit(char c, int radix) {
		return (c >= '0' && c <= '9') || (radix == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
	}

	/**
	 * An element whose end tag has not been read yet.
	 *
	 * @param name lower-case tag name
	 * @param start raw offset of its start tag
	 * @param visibleStart visible length when it opened
	 * @param emojiId the {@code emoji-id} attribute of a {@code <tg-emoji>}
	 */
	private record Element(String name, int start, int visibleStart, @Nullable String emojiId) {
	}

}
