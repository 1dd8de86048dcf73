package io.tggateway.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns a message text with its {@code parse_mode} into the plain text Telegram would
 * show, rejecting markup Telegram rejects ({@code can't parse entities}). Close to
 * Telegram's parsers, not identical: enough to catch unbalanced or unknown HTML tags and
 * unescaped MarkdownV2 characters.
 */
final class FakeMarkup {

	private static final Set<String> HTML_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
			"span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");

	private static final String MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";

	private FakeMarkup() {
	}

	static String plainText(String text, @Nullable String parseMode) {
		if (parseMode == null || parseMode.isEmpty()) {
			return text;
		}
		return switch (parseMode.toLowerCase(Locale.ROOT)) {
			case "html" -> html(text);
			case "markdownv2" -> markdownV2(text);
			case "markdown" -> markdown(text);
			default -> throw FakeApiError.badRequest("unsupported parse_mode");
		};
	}

	private static String html(String text) {
		StringBuilder plain = new StringBuilder(text.length());
		Deque<String> open = new ArrayDeque<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '<') {
				int end = text.indexOf('>', i);
				if (end < 0) {
					throw cantParse(text, "Unclosed start tag at byte offset %d", i);
				}
				String tag = text.substring(i + 1, end).trim();
				if (tag.startsWith("/")) {
					String name = tag.substring(1).trim().toLowerCase(Locale.ROOT);
					if (open.isEmpty()) {
						throw cantParse(text, "Unexpected end tag at byte offset %d", i);
					}
					if (!open.peek().equals(name)) {
						throw cantParse(text, "Unmatched end tag at byte offset %d, expected \"</" + open.peek()
								+ ">\", found \"</" + name + ">\"", i);
					}
					open.pop();
				}
				else {
					String name = tag.split("\\s", 2)[0].toLowerCase(Locale.ROOT);
					if (!HTML_TAGS.contains(name)) {
						throw cantParse(text, "Unsupported start tag \"" + name + "\" at byte offset %d", i);
					}
					open.push(name);
				}
				i = end + 1;
			}
			else if (c == '&') {
				i = htmlEntity(text, i, plain);
			}
			else {
				plain.append(c);
				i++;
			}
		}
		if (!open.isEmpty()) {
			throw FakeApiError.badRequest(
					"can't parse entities: Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
		}
		return plain.toString();
	}

	/**
	 * Appends the character an entity at {@code start} stands for (or a literal '&amp;')
	 * and returns the index after it.
	 */
	private static int htmlEntity(String text, int start, StringBuilder plain) {
		int semicolon = text.indexOf(';', start);
		if (semicolon > start + 1 && semicolon - start <= 10) {
			String name = text.substring(start + 1, semicolon);
			int codePoint = switch (name) {
				case "lt" -> '<';
				case "gt" -> '>';
				case "amp" -> '&';
				case "quot" -> '"';
				default -> numericEntity(name);
			};
			if (codePoint >= 0) {
				plain.appendCodePoint(codePoint);
				return semicolon + 1;
			}
		}
		plain.append('&');
		return start + 1;
	}

	private static int numericEntity(String name) {
		try {
			if (name.startsWith("#x") || name.startsWith("#X")) {
				return Integer.parseInt(name.substring(2), 16);
			}
			return name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static String markdownV2(String text) {
		StringBuilder plain = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			boolean lineStart = i == 0 || text.charAt(i - 1) == '\n';
			if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) > 0 && text.charAt(i + 1) < 127) {
				plain.append(text.charAt(i + 1));
				i += 2;
			}
			else if (text.startsWith("```", i)) {
				int end = text.indexOf("```", i + 3);
				if (end < 0) {
					throw cantParse(text, "Can't find end of Pre entity at byte offset %d", i);
				}
				String block = text.substring(i + 3, end);
				int newline = block.indexOf('\n');
				plain.append(unescapeCode((newline >= 0) ? block.substring(newline + 1) : block));
				i = end + 3;
			}
			else if (c == '`') {
				int end = text.indexOf('`', i + 1);
				if (end < 0) {
					throw cantParse(text, "Can't find end of Code entity at byte offset %d", i);
				}
				plain.append(unescapeCode(text.substring(i + 1, end)));
				i = end + 1;
			}
			else if (c == ']' && text.startsWith("(", i + 1)) {
				int end = text.indexOf(')', i + 2);
				if (end < 0) {
					throw cantParse(text, "Can't find end of a url at byte offset %d", i);
				}
				i = end + 1;
			}
			else if (c == '*' || c == '_' || c == '~' || c == '[' || c == ']' || text.startsWith("||", i)
					|| (c == '>' && lineStart)) {
				i += text.startsWith("||", i) ? 2 : 1;
			}
			else if (MARKDOWN_V2_RESERVED.indexOf(c) >= 0) {
				throw cantParse(text, "Character '" + c + "' is reserved and must be escaped with the preceding '\\'",
						i);
			}
			else {
				plain.append(c);
				i++;
			}
		}
		return plain.toString();
	}

	private static String unescapeCode(String code) {
		return code.replace("\\`", "`").replace("\\\\", "\\");
	}

	private static String markdown(String text) {
		StringBuilder plain = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length() && "_*`[".indexOf(text.charAt(i + 1)) >= 0) {
				plain.append(text.charAt(i + 1));
				i += 2;
			}
			else if (c == '*' || c == '_' || c == '`') {
				int end = text.indexOf(c, i + 1);
				if (end < 0) {
					throw cantParse(text, "Can't find end of the entity starting at byte offset %d", i);
				}
				plain.append(text, i + 1, end);
				i = end + 1;
			}
			else if (c == '[' && text.indexOf("](", i) > i && text.indexOf(')', text.indexOf("](", i)) > 0) {
				int close = text.indexOf("](", i);
				plain.append(text, i + 1, close);
				i = text.indexOf(')', close) + 1;
			}
			else {
				plain.append(c);
				i++;
			}
		}
		return plain.toString();
	}

	private static FakeApiError cantParse(String text, String template, int index) {
		int byteOffset = text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
		return FakeApiError.badRequest("can't parse entities: " + template.replace("%d", String.valueOf(byteOffset)));
	}

}
