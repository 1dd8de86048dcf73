package io.tggateway.delivery;

/**
 * Thrown by {@link MessageSplitter} for markup Telegram would reject with "can't parse
 * entities". The message names the problem, where it is (an offset in UTF-16 code units)
 * and how to fix it.
 */
public final class InvalidMarkupException extends RuntimeException {

	InvalidMarkupException(String message) {
		super(message);
	}

}
