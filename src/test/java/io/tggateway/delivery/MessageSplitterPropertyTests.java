package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.tggateway.delivery.MessageSplitter.MAX_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Tests for {@link MessageSplitter} on generated formatted texts: every part is
 * well-formed and short enough, and together the parts show the original text with its
 * formatting.
 */
class MessageSplitterPropertyTests {

	private static final List<String> HTML_ELEMENTS = List.of("<b>", "<i>", "<u>", "<s>", "<tg-spoiler>",
			"<a href=\"https://example.com/?a=1&amp;b=2\">", "<code>", "<pre>", "<blockquote>",
			"<blockquote expandable>", "<span class=\"tg-spoiler\">", "<pre><code class=\"language-java\">");

	private static final List<String> HTML_CHARACTERS = List.of("&lt;", "&gt;", "&amp;", "&quot;", "&#x1F600;",
			"&#233;", "😀", "👨‍👩‍👧", "\n", "\n\n", " ", "\t");

	private static final List<String[]> MARKDOWN_V2_ENTITIES = List.of(new String[] { "*", "*" },
			new String[] { "_", "_" }, new String[] { "__", "__" }, new String[] { "~", "~" },
			new String[] { "||", "||" }, new String[] { "[", "](https://example.com/a\\)b)" },
			new String[] { "`", "`" }, new String[] { "```java\n", "\n```" }, new String[] { "*_", "_*" });

	private final MessageSplitter splitter = new MessageSplitter();

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 })
	void whenHtmlIsSplitThenEveryCharacterKeepsItsFormatting(int seed) {
		Random random = new Random(seed);
		String text = html(random, 5000 + random.nextInt(30_000));
		List<String> parts = this.splitter.split(text, ParseMode.HTML);
		assertThat(parts).allSatisfy((part) -> {
			assertThatCode(() -> this.splitter.validate(part, ParseMode.HTML)).doesNotThrowAnyException();
			assertThat(Styled.read(part).text()).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH);
		});
		assertKept(Styled.read(text), parts.stream().map(Styled::read).toList());
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 })
	void whenMarkdownV2IsSplitThenEveryPartIsValidAndTheTextIsKept(int seed) {
		Random random = new Random(seed);
		String text = markdownV2(random, 5000 + random.nextInt(30_000));
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).allSatisfy((part) -> {
			assertThatCode(() -> this.splitter.validate(part, ParseMode.MARKDOWN_V2)).doesNotThrowAnyException();
			assertThat(visible(part)).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH);
		});
		assertKept(new Styled(visible(text), List.of()),
				parts.stream().map((part) -> new Styled(visible(part), List.of())).toList());
	}

	/**
	 * Asserts that the parts show the original, apart from the separators dropped between
	 * them (a paragraph break, a line break or a whitespace character) and whitespace at
	 * the end; and with the same formatting, where styles are known.
	 */
	private static void assertKept(Styled original, List<Styled> parts) {
		int position = 0;
		for (Styled part : parts) {
			int separator = 0;
			while (!original.text().startsWith(part.text(), position + separator)) {
				assertThat(Character.isWhitespace(original.text().charAt(position + separator))).isTrue();
				separator++;
				assertThat(separator).as("separator at %d", position).isLessThanOrEqualTo(2);
			}
			position += separator;
			if (!original.styles().isEmpty()) {
				assertThat(part.styles())
					.isEqualTo(original.styles().subList(position, position + part.text().length()));
			}
			position += part.text().length();
		}
		assertThat(original.text().substring(position)).isBlank();
	}

	private static String visible(String markdownV2) {
		return MarkdownV2Text.parse(markdownV2).visible().text();
	}

	/** Well-formed HTML: words, entities, emoji and whitespace in nested elements. */
	private static String html(Random random, int length) {
		StringBuilder html = new StringBuilder();
		List<String> open = new ArrayList<>();
		while (html.length() < length) {
			int choice = random.nextInt(100);
			if (choice < 5 && open.size() < 6) {
				open.add(HTML_ELEMENTS.get(random.nextInt(HTML_ELEMENTS.size())));
				html.append(open.getLast());
			}
			else if (choice < 10 && !open.isEmpty()) {
				html.append(endTags(open.removeLast()));
			}
			else if (choice < 20) {
				html.append(HTML_CHARACTERS.get(random.nextInt(HTML_CHARACTERS.size())));
			}
			else {
				html.append(word(random, (random.nextInt(300) == 0) ? 3000 : 1 + random.nextInt(10)));
			}
		}
		open.reversed().forEach((element) -> html.append(endTags(element)));
		return html.toString().strip();
	}

	private static String endTags(String startTags) {
		return startTags.startsWith("<pre><code") ? "</code></pre>" : "</" + startTags.split("[<> ]")[1] + ">";
	}

	/**
	 * Valid MarkdownV2: words, escapes and line breaks, small entities, quotations and
	 * expandable quotations.
	 */
	private static String markdownV2(Random random, int length) {
		StringBuilder text = new StringBuilder("Start");
		while (text.length() < length) {
			int choice = random.nextInt(100);
			if (choice < 3) {
				String[] entity = MARKDOWN_V2_ENTITIES.get(random.nextInt(MARKDOWN_V2_ENTITIES.size()));
				text.append(' ').append(entity[0]).append(words(random, 1 + random.nextInt(60))).append(entity[1]);
				text.append(' ');
			}
			else if (choice < 5) {
				boolean expandable = random.nextBoolean();
				text.append(expandable ? "\n**>" : "\n>");
				int lines = 1 + random.nextInt(40);
				for (int line = 0; line < lines; line++) {
					text.append((line > 0) ? "\n>" : "").append(words(random, 1 + random.nextInt(120)));
				}
				text.append(expandable ? "||" : "").append("\nAfter the quotation\n");
			}
			else if (choice < 8) {
				text.append('\\').append("_*[]()~`>#+-=|{}.!\\".charAt(random.nextInt(19)));
			}
			else if (choice < 15) {
				text.append(List.of("\n", "\n\n", " ").get(random.nextInt(3)));
			}
			else {
				text.append(words(random, 1 + random.nextInt(10)));
			}
		}
		return text.append(" end").toString();
	}

	private static String words(Random random, int length) {
		StringBuilder words = new StringBuilder("w");
		while (words.length() < length) {
			words.append((random.nextInt(8) == 0) ? ' ' : (char) ('a' + random.nextInt(26)));
		}
		return words.toString();
	}

	private static String word(Random random, int length) {
		StringBuilder word = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}

	/**
	 * What HTML shows, with the start tags around each character: read with a walker that
	 * is independent of {@link HtmlParser} and trusts the HTML to be well-formed.
	 *
	 * @param text the visible text
	 * @param styles per visible character, the start tags of the elements around it
	 */
	private record Styled(String text, List<String> styles) {

		static Styled read(String html) {
			StringBuilder text = new StringBuilder();
			List<String> styles = new ArrayList<>();
			List<String> open = new ArrayList<>();
			int i = 0;
			while (i < html.length()) {
				int end = i + 1;
				String shown = html.substring(i, end);
				if (html.charAt(i) == '<') {
					end = html.indexOf('>', i) + 1;
					if (html.charAt(i + 1) == '/') {
						open.removeLast();
					}
					else {
						open.add(html.substring(i, end));
					}
					shown = "";
				}
				else if (html.charAt(i) == '&') {
					end = html.indexOf(';', i) + 1;
					shown = entity(html.substring(i + 1, end - 1));
				}
				for (int k = 0; k < shown.length(); k++) {
					text.append(shown.charAt(k));
					styles.add(text.charAt(text.length() - 1) + String.join("", open));
				}
				i = end;
			}
			return new Styled(text.toString(), styles);
		}

		private static String entity(String name) {
			return switch (name) {
				case "lt" -> "<";
				case "gt" -> ">";
				case "amp" -> "&";
				case "quot" -> "\"";
				default -> Character.toString(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
						: Integer.parseInt(name.substring(1)));
			};
		}

	}

}
