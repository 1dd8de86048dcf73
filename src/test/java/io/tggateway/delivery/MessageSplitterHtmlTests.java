package io.tggateway.delivery;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.tggateway.delivery.MessageSplitter.MAX_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MessageSplitter} with Telegram's HTML.
 */
class MessageSplitterHtmlTests {

	private final MessageSplitter splitter = new MessageSplitter();

	@Test
	void whenLongTextIsBoldThenEveryPartIsBoldOnItsOwn() {
		String words = MessageSplitterTests.randomText(new Random(1), 10_000, 1000);
		List<String> parts = this.splitter.split("<b>" + words + "</b>", ParseMode.HTML);
		assertThat(parts).hasSizeGreaterThanOrEqualTo(3);
		assertThat(parts).allSatisfy((part) -> assertThat(part).startsWith("<b>").endsWith("</b>"));
		assertWellFormedAndShort(parts);
		MessageSplitterTests.assertRestores(words, parts.stream().map(this::visible).toList());
	}

	@Test
	void whenACutFallsInsideNestedElementsThenTheyAreReopenedWithTheirAttributes() {
		String open = "<a href=\"https://example.com/report?id=7&amp;full=1\"><i>";
		String text = "Summary: " + open + "see ".repeat(2000) + "the report</i></a>. Bye.";
		List<String> parts = this.splitter.split(text, ParseMode.HTML);
		assertThat(parts).hasSize(2);
		assertThat(parts.get(0)).startsWith("Summary: " + open).endsWith("see</i></a>");
		assertThat(parts.get(1)).startsWith(open + "see see").endsWith("the report</i></a>. Bye.");
		assertWellFormedAndShort(parts);
	}

	@Test
	void whenACutFallsInsideACodeBlockThenPreAndCodeAreReopenedWithTheLanguage() {
		String open = "<pre><code class=\"language-java\">";
		String code = String.join("\n", Collections.nCopies(300, "System.out.println(i &lt; 10);"));
		String text = open + code + "</code></pre>";
		List<String> parts = this.splitter.split(text, ParseMode.HTML);
		assertThat(parts).hasSize(3);
		assertThat(parts).allSatisfy((part) -> assertThat(part).startsWith(open).endsWith(");</code></pre>"));
		assertWellFormedAndShort(parts);
	}

	@Test
	void whenTextIsEntitiesThenNoEntityIsCutAndEachCountsAsOneCharacter() {
		assertThat(this.splitter.split("&lt;".repeat(MAX_LENGTH), ParseMode.HTML)).hasSize(1);
		assertThat(this.splitter.split("&lt;".repeat(5000), ParseMode.HTML)).containsExactly("&lt;".repeat(MAX_LENGTH),
				"&lt;".repeat(5000 - MAX_LENGTH));
		assertThat(this.splitter.split("&amp;&quot;&gt;&#65;&#x42;".repeat(1000), ParseMode.HTML)).containsExactly(
				"&amp;&quot;&gt;&#65;&#x42;".repeat(819) + "&amp;",
				"&quot;&gt;&#65;&#x42;" + "&amp;&quot;&gt;&#65;&#x42;".repeat(180));
	}

	@Test
	void whenAnEntityStandsForASurrogatePairThenItCountsAsTwoAndIsNeverSplit() {
		List<String> parts = this.splitter.split("&#x1F600;".repeat(3000), ParseMode.HTML);
		assertThat(parts).containsExactly("&#x1F600;".repeat(2048), "&#x1F600;".repeat(952));
	}

	@Test
	void whenTagsMakeTheRawTextLongerThanTheLimitThenItIsStillOnePart() {
		String text = ("<strong>" + "x".repeat(39) + "</strong> ").repeat(100);
		assertThat(text.length()).isGreaterThanOrEqualTo(5000);
		assertThat(visible(text)).hasSize(4000);
		assertThat(this.splitter.split(text, ParseMode.HTML)).singleElement().isSameAs(text);
	}

	@Test
	void whenTelegramsOwnExamplesThenTheyAreValid() {
		String text = """
				<b>bold</b>, <strong>bold</strong>
				<i>italic</i>, <em>italic</em>
				<u>underline</u>, <ins>underline</ins>
				<s>strikethrough</s>, <strike>strikethrough</strike>, <del>strikethrough</del>
				<span class="tg-spoiler">spoiler</span>, <tg-spoiler>spoiler</tg-spoiler>
				<b>bold <i>italic bold <s>italic bold strikethrough <span class="tg-spoiler">italic bold \
				strikethrough spoiler</span></s> <u>underline italic bold</u></i> bold</b>
				<a href="http://www.example.com/">inline URL</a>
				<a href="tg://user?id=123456789">inline mention of a user</a>
				<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>
				<code>inline fixed-width code</code>
				<pre>pre-formatted fixed-width code block</pre>
				<pre><code class="language-python">pre-formatted fixed-width code block written in the \
				Python programming language</code></pre>
				<blockquote>Block quotation started\nBlock quotation continued\nThe last line of the block \
				quotation</blockquote>
				<blockquote expandable>Expandable block quotation started\nExpandable block quotation \
				continued\nThe last line of the block quotation</blockquote>
				&#128077; &#x1F44D; &quot;5 &gt; 3 &amp;&amp; 2 &lt; 4&quot;
				""";
		assertThatCode(() -> this.splitter.validate(text, ParseMode.HTML)).doesNotThrowAnyException();
		assertThat(visible(text)).startsWith("bold, bold\nitalic, italic\n").endsWith("👍 👍 \"5 > 3 && 2 < 4\"\n");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidHtml")
	void whenMarkupIsInvalidThenItIsRejectedWithAMessageNamingTheProblem(String text, String problem) {
		assertThatExceptionOfType(InvalidMarkupException.class)
			.isThrownBy(() -> this.splitter.validate(text, ParseMode.HTML))
			.withMessageContaining(problem);
		assertThatExceptionOfType(InvalidMarkupException.class)
			.isThrownBy(() -> this.splitter.split(text, ParseMode.HTML))
			.withMessageContaining(problem);
	}

	static Stream<Arguments> invalidHtml() {
		return Stream.of(Arguments.of("<p>unknown</p>", "<p> at offset 0 is not a tag Telegram supports"),
				Arguments.of("<b><i>crossed</b></i>", "</b> at offset 13 does not match the open tag <i>"),
				Arguments.of("text</b>", "</b> at offset 4 closes a tag that is not open"),
				Arguments.of("<b>left <i>open</i>", "<b> at offset 0 is never closed: add </b>"),
				Arguments.of("1 < 2", "'<' at offset 2 does not start a tag: write &lt;"),
				Arguments.of("<span>x</span>", "<span> at offset 0 must have class=\"tg-spoiler\""),
				Arguments.of("<a href=https://x>x</a>", "must be in quotes"),
				Arguments.of("<b", "<b> at offset 0 is not closed with '>'"),
				Arguments.of("<tg-emoji emoji-id=\"smile\">👍</tg-emoji>", "numeric identifier"));
	}

	@Test
	void whenAnAmpersandStartsNoKnownEntityThenItIsShownAsItIsLikeTelegramDoes() {
		assertThat(visible("AT&T &nbsp; &amp; &ampx")).isEqualTo("AT&T &nbsp; & &ampx");
		assertThatCode(() -> this.splitter.validate("AT&T", ParseMode.HTML)).doesNotThrowAnyException();
	}

	private String visible(String html) {
		return HtmlText.parse(html).visible().text();
	}

	private void assertWellFormedAndShort(List<String> parts) {
		assertThat(parts).allSatisfy((part) -> {
			assertThatCode(() -> this.splitter.validate(part, ParseMode.HTML)).doesNotThrowAnyException();
			assertThat(visible(part)).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH);
		});
	}

}
