package io.tggateway.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * A text in Telegram's HTML, read the way Telegram's parser (TDLib's {@code parse_html})
 * reads it. Tags count zero characters, an entity counts as the character it stands for.
 * <p>
 * A message may end anywhere between two visible characters except inside a
 * {@code <tg-emoji>}. The elements open at a cut are closed at the end of the message and
 * reopened with their original start tags (attributes included) at the beginning of the
 * next, so each message is well-formed and keeps its formatting.
 */
final class HtmlText implements ParsedText {

	private final String raw;

	private final VisibleText visible;

	/** Every start and end tag, in order. */
	private final List<Tag> tags;

	HtmlText(String raw, VisibleText visible, List<Tag> tags) {
		this.raw = raw;
		this.visible = visible;
		this.tags = tags;
	}

	/**
	 * Reads a text.
	 * @param raw the text
	 * @return the text as Telegram reads it
	 * @throws InvalidMarkupException for markup Telegram rejects
	 */
	static HtmlText parse(String raw) {
		return new HtmlParser(raw).parse();
	}

	@Override
	public VisibleText visible() {
		return this.visible;
	}

	@Override
	public List<String> write(List<Piece> pieces) {
		List<String> parts = new ArrayList<>(pieces.size());
		List<Tag> open = new ArrayList<>();
		int next = 0;
		for (Piece piece : pieces) {
			next = replay(next, piece.start(), open);
			StringBuilder part = new StringBuilder(piece.end() - piece.start() + 64);
			for (Tag tag : open) {
				part.append(this.raw, tag.start(), tag.end());
			}
			part.append(this.raw, piece.start(), piece.end());
			next = replay(next, piece.end(), open);
			for (Tag tag : open.reversed()) {
				part.append("</").append(tag.name()).append('>');
			}
			parts.add(part.toString());
		}
		return parts;
	}

	/** Applies the tags before {@code position} to the open elements. */
	private int replay(int next, int position, List<Tag> open) {
		int index = next;
		while (index < this.tags.size() && this.tags.get(index).start() < position) {
			Tag tag = this.tags.get(index++);
			if (tag.opening()) {
				open.add(tag);
			}
			else {
				open.removeLast();
			}
		}
		return index;
	}

	/**
	 * A start or end tag.
	 *
	 * @param start raw offset of its {@code <}
	 * @param end raw offset after its {@code >}
	 * @param name lower-case tag name
	 * @param opening whether it is a start tag
	 */
	record Tag(int start, int end, String name, boolean opening) {
	}

}
