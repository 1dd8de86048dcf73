package io.tggateway.delivery;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.tggateway.delivery.MessageSplitter.MAX_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MessageSplitter} with plain text.
 */
class MessageSplitterTests {

	private final MessageSplitter splitter = new MessageSplitter();

	@Test
	void whenTextFitsThenItIsOnePartUnchanged() {
		String text = "Deploy finished.\n\nAll 12 services are healthy. 🎉";
		assertThat(this.splitter.split(text, null)).singleElement().isSameAs(text);
	}

	@Test
	void whenTextIsExactlyTheLimitThenItIsOnePart() {
		String text = "a".repeat(MAX_LENGTH);
		assertThat(this.splitter.split(text, null)).containsExactly(text);
	}

	@Test
	void whenTextIsOneOverTheLimitThenItIsTwoParts() {
		assertThat(this.splitter.split("a".repeat(MAX_LENGTH + 1), null)).containsExactly("a".repeat(MAX_LENGTH), "a");
	}

	@Test
	void whenAParagraphBreakFitsThenTheCutIsThereRatherThanAtALaterLineBreakOrSpace() {
		String text = "a".repeat(3000) + "\n\n" + "b".repeat(500) + "\n" + "c".repeat(500) + " " + "d".repeat(200);
		assertThat(this.splitter.split(text, null)).containsExactly("a".repeat(3000),
				"b".repeat(500) + "\n" + "c".repeat(500) + " " + "d".repeat(200));
	}

	@Test
	void whenNoParagraphBreakFitsThenTheCutIsAtTheLastLineBreakRatherThanALaterSpace() {
		String text = "a".repeat(3000) + "\n" + "b".repeat(500) + " " + "c".repeat(700);
		assertThat(this.splitter.split(text, null)).containsExactly("a".repeat(3000),
				"b".repeat(500) + " " + "c".repeat(700));
	}

	@Test
	void whenNoLineBreakFitsThenTheCutIsAtTheLastWhitespace() {
		String text = "word ".repeat(1000);
		List<String> parts = this.splitter.split(text.strip(), null);
		// Spaces are at 4, 9, ... 4094: the last one before the limit ends the first
		// part.
		assertThat(parts).containsExactly("word ".repeat(818) + "word", "word ".repeat(180) + "word");
	}

	@Test
	void whenNoWhitespaceFitsThenTheCutIsHardAndDropsNothing() {
		String text = "x".repeat(5000) + " tail";
		assertThat(this.splitter.split(text, null)).containsExactly("x".repeat(MAX_LENGTH),
				"x".repeat(5000 - MAX_LENGTH) + " tail");
	}

	@Test
	void whenTextIsEmojiThenNoSurrogatePairIsSplit() {
		// The leading "x" puts a pair across every multiple of the limit.
		String text = "x" + "😀".repeat(5000);
		List<String> parts = this.splitter.split(text, null);
		assertThat(parts).hasSize(3);
		assertThat(String.join("", parts)).isEqualTo(text);
		assertThat(parts).allSatisfy((part) -> {
			assertThat(part.length()).isLessThanOrEqualTo(MAX_LENGTH);
			assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
			assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
		});
	}

	@Test
	void whenTextIsFamilyEmojiThenEachStaysWhole() {
		// Man, zero-width joiner, woman, zero-width joiner, girl: 8 code units, one
		// glyph.
		String family = "👨‍👩‍👧";
		String text = "x" + family.repeat(1000);
		List<String> parts = this.splitter.split(text, null);
		assertThat(parts).containsExactly("x" + family.repeat(511), family.repeat(489));
	}

	@Test
	void whenOnlyWhitespaceFollowsTheCutThenItIsDroppedInsteadOfSentAlone() {
		String text = "a".repeat(MAX_LENGTH) + "\n\n\n";
		assertThat(this.splitter.split(text, null)).containsExactly("a".repeat(MAX_LENGTH));
	}

	@Test
	void whenTextIsLongThenEveryPartFitsAndTheDroppedSeparatorsRestoreIt() {
		String text = randomText(new Random(42), 60_000, 800);
		List<String> parts = this.splitter.split(text, null);
		assertThat(parts).hasSizeGreaterThan(14);
		assertThat(parts).allSatisfy((part) -> assertThat(part).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH));
		assertRestores(text, parts);
	}

	@Test
	void whenTextIsOneMegabyteThenItIsSplitIntoNearlyFullParts() {
		String text = randomText(new Random(7), 1 << 20, 5000);
		List<String> parts = this.splitter.split(text, null);
		assertThat(parts).hasSizeBetween((1 << 20) / MAX_LENGTH, (1 << 20) / 3000);
		assertThat(parts).allSatisfy((part) -> assertThat(part).isNotBlank().hasSizeLessThanOrEqualTo(MAX_LENGTH));
		assertRestores(text, parts);
	}

	@Test
	void whenModeIsPlainThenAnyMarkupIsAcceptedAndCountedAsText() {
		String text = "<b>" + "*_.".repeat(1400);
		this.splitter.validate(text, null);
		assertThat(this.splitter.split(text, null)).containsExactly(text.substring(0, MAX_LENGTH),
				text.substring(MAX_LENGTH));
	}

	/**
	 * Words, line breaks, paragraph breaks, and one word in {@code longWordOneIn} too
	 * long for a message; no whitespace at either end.
	 */
	static String randomText(Random random, int length, int longWordOneIn) {
		StringBuilder text = new StringBuilder(length + 5000);
		while (text.length() < length) {
			int wordLength = (random.nextInt(longWordOneIn) == 0) ? 5000 : 1 + random.nextInt(12);
			for (int i = 0; i < wordLength; i++) {
				text.append((char) ('a' + random.nextInt(26)));
			}
			int separator = random.nextInt(100);
			text.append((separator < 2) ? "\n\n" : (separator < 10) ? "\n" : " ");
		}
		return text.toString().strip();
	}

	/**
	 * Asserts that the parts, with a paragraph break, a line break, one whitespace
	 * character or nothing between each two, are the text.
	 */
	static void assertRestores(String text, List<String> parts) {
		int position = 0;
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			assertThat(text.startsWith(part, position)).as("part %d is the text at %d", i, position).isTrue();
			position += part.length();
			if (i + 1 < parts.size()) {
				position += separatorLength(text, position, parts.get(i + 1));
			}
		}
		assertThat(position).isEqualTo(text.length());
	}

	private static int separatorLength(String text, int position, String next) {
		if (text.startsWith(next, position)) {
			return 0;
		}
		if (text.startsWith("\n\n" + next, position)) {
			return 2;
		}
		assertThat(Character.isWhitespace(text.charAt(position))).as("separator at %d", position).isTrue();
		assertThat(text.startsWith(next, position + 1)).as("next part after %d", position).isTrue();
		return 1;
	}

}
