package io.tggateway.delivery;

/**
 * The characters Telegram shows for a message text (after entity parsing, in UTF-16 code
 * units, as Telegram counts them), and where in the raw text a message may end or begin.
 * <p>
 * Gap {@code k} is the place before visible character {@code k}; gap {@code length()} is
 * the end. A gap holds the markup between two visible characters. Where a message may be
 * cut in a gap, {@link #rawPosition(int)} is the raw offset to cut at: after the markup
 * that closes things, before the markup that opens things.
 */
final class VisibleText {

	private final String text;

	/** Raw offset per gap, or -1 where no message may end or begin. */
	private final int[] cuts;

	private final int lastNonWhitespace;

	private VisibleText(String text, int[] cuts) {
		this.text = text;
		this.cuts = cuts;
		int last = text.length() - 1;
		while (last >= 0 && Character.isWhitespace(text.charAt(last))) {
			last--;
		}
		this.lastNonWhitespace = last;
	}

	String text() {
		return this.text;
	}

	int length() {
		return this.text.length();
	}

	char charAt(int index) {
		return this.text.charAt(index);
	}

	boolean canCut(int gap) {
		return this.cuts[gap] >= 0;
	}

	int rawPosition(int gap) {
		return this.cuts[gap];
	}

	/**
	 * Index of the last visible character that is not whitespace, or -1.
	 */
	int lastNonWhitespace() {
		return this.lastNonWhitespace;
	}

	/**
	 * Collects a text while a parser walks the raw text from start to end: each visible
	 * character, and each piece of markup with the nesting it leaves behind.
	 */
	static final class Builder {

		private final StringBuilder text;

		private final int[] cuts;

		/** How many formatting elements are open. */
		private int depth;

		/** How many open elements forbid a cut inside them. */
		private int blocking;

		private int gapMinDepth;

		private int gapCut;

		private int gapBlocking;

		Builder(int rawLength) {
			// Every parser emits at most one visible character per raw character.
			this.text = new StringBuilder(rawLength);
			this.cuts = new int[rawLength + 1];
		}

		/**
		 * Records markup that ends at {@code rawEnd} and leaves the given nesting.
		 * @param rawEnd raw offset after the markup
		 * @param depth open elements after it
		 * @param blocking open elements after it that no cut may fall into
		 */
		void markup(int rawEnd, int depth, int blocking) {
			this.depth = depth;
			this.blocking = blocking;
			if (depth < this.gapMinDepth) {
				this.gapMinDepth = depth;
				this.gapCut = rawEnd;
				this.gapBlocking = blocking;
			}
		}

		/**
		 * Records a visible character. No message may end between the two halves of a
		 * surrogate pair.
		 * @param c the character
		 * @param rawEnd raw offset after the markup that produced it
		 */
		void character(char c, int rawEnd) {
			int index = this.text.length();
			boolean pairHalf = Character.isLowSurrogate(c) && index > 0
					&& Character.isHighSurrogate(this.text.charAt(index - 1));
			this.cuts[index] = (!pairHalf && this.gapBlocking == 0) ? this.gapCut : -1;
			this.text.append(c);
			this.gapMinDepth = this.depth;
			this.gapCut = rawEnd;
			this.gapBlocking = this.blocking;
		}

		int length() {
			return this.text.length();
		}

		VisibleText build() {
			this.cuts[this.text.length()] = (this.gapBlocking == 0) ? this.gapCut : -1;
			return new VisibleText(this.text.toString(), this.cuts);
		}

	}

}
