package io.tggateway.delivery;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static io.tggateway.delivery.MessageSplitter.MAX_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MessageSplitter} with Telegram's MarkdownV2.
 */
class MessageSplitterMarkdownV2Tests {

	private final MessageSplitter splitter = new MessageSplitter();

	@Test
	void whenLongTextHasSmallEntitiesThenItIsCutOutsideThem() {
		String text = lines(400);
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSize(5);
		assertThat(parts).allSatisfy((part) -> assertThat(part).startsWith("Item *").endsWith("`"));
		assertWellFormedAndShort(parts);
		assertThat(String.join("\n", parts)).isEqualTo(text);
	}

	@Test
	void whenACodeBlockWouldBeCutThenTheCutIsBeforeOrAfterIt() {
		String code = "```java\n" + "int i = 0; // \\`i\\`\n".repeat(150) + "```";
		String text = "Build log:\n" + code + "\nThat is all " + "folks ".repeat(300) + "and more";
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSize(2);
		assertThat(parts.get(0)).isEqualTo("Build log:\n" + code);
		assertWellFormedAndShort(parts);
	}

	@Test
	void whenOneBoldSpanIsLongerThanAMessageThenTheTextIsUnsplittable() {
		String text = "Summary\n\n*" + "very long ".repeat(500) + "*";
		assertThatCode(() -> this.splitter.validate(text, ParseMode.MARKDOWN_V2)).doesNotThrowAnyException();
		assertThatExceptionOfType(UnsplittableTextException.class)
			.isThrownBy(() -> this.splitter.split("*" + "b".repeat(5000) + "*", ParseMode.MARKDOWN_V2))
			.withMessageContaining("a formatted span (bold, italic, code, link...) starting at offset 0 is longer "
					+ "than one Telegram message (4096 characters)")
			.withMessageContaining("parse_mode HTML, which can be split across messages, or as plain text");
		assertThatExceptionOfType(UnsplittableTextException.class)
			.isThrownBy(() -> this.splitter.split(text, ParseMode.MARKDOWN_V2))
			.withMessageContaining("starting at offset 9");
	}

	@Test
	void whenTextIsEscapesThenEachCountsAsOneCharacter() {
		assertThat(this.splitter.split("\\.".repeat(MAX_LENGTH), ParseMode.MARKDOWN_V2)).hasSize(1);
		assertThat(this.splitter.split("\\.".repeat(MAX_LENGTH + 1), ParseMode.MARKDOWN_V2))
			.containsExactly("\\.".repeat(MAX_LENGTH), "\\.");
	}

	@Test
	void whenLinksMakeTheRawTextLongerThanTheLimitThenItIsStillOnePart() {
		String text = "[x](https://example.com/a/very/long/path/to/a/page) ".repeat(2000).strip();
		assertThat(text.length()).isGreaterThan(100_000);
		assertThat(this.splitter.split(text, ParseMode.MARKDOWN_V2)).singleElement().isSameAs(text);
	}

	@Test
	void whenADotIsNotEscapedThenValidationRejectsIt() {
		assertThatExceptionOfType(InvalidMarkupException.class)
			.isThrownBy(() -> this.splitter.validate("Version 1.2 is out", ParseMode.MARKDOWN_V2))
			.withMessage("MarkdownV2: character '.' at offset 9 is reserved and must be escaped with the "
					+ "preceding '\\': write \\.");
	}

	@Test
	void whenAnEntityIsLeftOpenThenValidationRejectsIt() {
		assertThatExceptionOfType(InvalidMarkupException.class)
			.isThrownBy(() -> this.splitter.validate("*bold and _italic_", ParseMode.MARKDOWN_V2))
			.withMessageContaining("the bold text opened with '*' at offset 0 is never closed");
		assertThatExceptionOfType(InvalidMarkupException.class)
			.isThrownBy(() -> this.splitter.split("[link](https://example.com", ParseMode.MARKDOWN_V2))
			.withMessageContaining("the URL at offset 7 is not closed with ')'");
	}

	@Test
	void whenTelegramsOwnExamplesThenTheyAreValid() {
		String text = """
				*bold \\*text*
				_italic \\*text_
				__underline__
				~strikethrough~
				||spoiler||
				*bold _italic bold ~italic bold strikethrough ||italic bold strikethrough spoiler||~ \
				__underline italic bold___ bold*
				[inline URL](http://www.example.com/)
				[inline mention of a user](tg://user?id=123456789)
				![👍](tg://emoji?id=5368324170671202286)
				`inline fixed-width code`
				```
				pre-formatted fixed-width code block
				```
				```python
				pre-formatted fixed-width code block written in the Python programming language
				```
				>Block quotation started
				>Block quotation continued
				>The last line of the block quotation
				**>The expandable block quotation started right after the previous block quotation
				>It is separated from the previous block quotation by an empty bar
				>Hidden by default part of the expandable block quotation started
				>The last line of the expandable block quotation with the expandability mark||""";
		assertThatCode(() -> this.splitter.validate(text, ParseMode.MARKDOWN_V2)).doesNotThrowAnyException();
		assertThat(visible(text)).startsWith("bold *text\nitalic *text\nunderline\n")
			.contains("\ninline URL\ninline mention of a user\n👍\ninline fixed-width code\n")
			.contains("\npre-formatted fixed-width code block\n\n")
			.endsWith("\nThe last line of the expandable block quotation with the expandability mark");
	}

	@Test
	void whenALongQuotationIsSplitThenEveryPartIsAQuotation() {
		String text = IntStream.range(0, 200)
			.mapToObj((i) -> ">Quoted line number " + i + " of the incident timeline")
			.collect(Collectors.joining("\n"));
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part).startsWith(">Quoted line"));
		assertWellFormedAndShort(parts);
	}

	@Test
	void whenAnExpandableQuotationIsSplitThenEveryPartKeepsTheMark() {
		String text = "**>" + IntStream.range(0, 250)
			.mapToObj((i) -> "Hidden line number " + i + " of the stack trace")
			.collect(Collectors.joining("\n>")) + "||";
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part).endsWith(" of the stack trace||"));
		assertThat(parts.get(1)).startsWith(">Hidden line");
		assertWellFormedAndShort(parts);
	}

	@Test
	void whenAQuotedLineIsLongerThanAMessageThenTheNextPartStartsItsOwnQuotation() {
		String words = MessageSplitterTests.randomText(new Random(3), 6000, 100_000).replace('\n', ' ');
		List<String> parts = this.splitter.split(">" + words, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSize(2).allSatisfy((part) -> assertThat(part).startsWith(">"));
		assertWellFormedAndShort(parts);
		MessageSplitterTests.assertRestores(words, parts.stream().map(this::visible).toList());
	}

	@Test
	void whenTextIsOneMegabyteThenItSplits() {
		String text = lines(15_000);
		assertThat(text.length()).isGreaterThan(1 << 20);
		List<String> parts = this.splitter.split(text, ParseMode.MARKDOWN_V2);
		assertThat(parts).hasSizeGreaterThan(150);
		assertWellFormedAndShort(parts);
	}

	/** Lines with small entities, escapes and links, joined by line breaks. */
	private static String lines(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "Item *" + i + "* is _done_ \\- see [the report](https://example.com/reports/" + i
					+ "?a=\\)) and `code\\`" + i + "`")
			.collect(Collectors.joining("\n"));
	}

	private String visible(String markdown) {
		return MarkdownV2Text.parse(markdown).visible().text();
	}

	private void assertWellFormedAndShort(List<String> parts) {
		assertThat(parts).allSatisfy((part) -> {
			assertThatCode(() -> this.splitter.validate(part, ParseMode.MARKDOWN_V2)).doesNotThrowAnyException();
			assertThat(visible(part)).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH);
		});
	}

}
