package io.tggateway.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ParseMode}.
 */
class ParseModeTests {

	@Test
	void whenWireNameIsTelegramsThenItNamesTheMode() {
		assertThat(ParseMode.fromWireName("HTML")).contains(ParseMode.HTML);
		assertThat(ParseMode.fromWireName("MarkdownV2")).contains(ParseMode.MARKDOWN_V2);
		assertThat(ParseMode.HTML.wireName()).isEqualTo("HTML");
		assertThat(ParseMode.MARKDOWN_V2.wireName()).isEqualTo("MarkdownV2");
	}

	@Test
	void whenWireNameHasOtherLetterCaseThenItStillNamesTheMode() {
		assertThat(ParseMode.fromWireName("html")).contains(ParseMode.HTML);
		assertThat(ParseMode.fromWireName("markdownv2")).contains(ParseMode.MARKDOWN_V2);
		assertThat(ParseMode.fromWireName("MARKDOWNV2")).contains(ParseMode.MARKDOWN_V2);
	}

	@Test
	void whenWireNameIsAnythingElseThenThereIsNoMode() {
		assertThat(ParseMode.fromWireName("Markdown")).isEmpty();
		assertThat(ParseMode.fromWireName("MARKDOWN_V2")).isEmpty();
		assertThat(ParseMode.fromWireName(" HTML")).isEmpty();
		assertThat(ParseMode.fromWireName("")).isEmpty();
		assertThat(ParseMode.fromWireName(null)).isEmpty();
	}

}
