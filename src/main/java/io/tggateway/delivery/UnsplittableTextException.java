package io.tggateway.delivery;

/**
 * Thrown by {@link MessageSplitter} when a text cannot be split into messages of at most
 * {@link MessageSplitter#MAX_LENGTH} characters without breaking its markup: a MarkdownV2
 * span longer than one message. The message says where, and what to change.
 */
public final class UnsplittableTextException extends RuntimeException {

	UnsplittableTextException(String message) {
		super(message);
	}

}
