package io.tggateway.delivery;

import java.util.List;

/**
 * A text without markup: Telegram shows it as it is.
 */
final class PlainText implements ParsedText {

	private final String raw;

	private final VisibleText visible;

	private PlainText(String raw, VisibleText visible) {
		this.raw = raw;
		this.visible = visible;
	}

	static PlainText parse(String raw) {
		VisibleText.Builder builder = new VisibleText.Builder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			builder.character(raw.charAt(i), i + 1);
		}
		return new PlainText(raw, builder.build());
	}

	@Override
	public VisibleText visible() {
		return this.visible;
	}

	@Override
	public List<String> write(List<Piece> pieces) {
		return pieces.stream().map((piece) -> this.raw.substring(piece.start(), piece.end())).toList();
	}

}
