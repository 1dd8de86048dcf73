package io.tggateway.telegram;

import java.io.Serial;

/**
 * A Bot API call failed. The {@link #failure()} says how; the message never contains the
 * token, and no cause from the HTTP stack is attached (its texts could contain URLs).
 */
public final class TelegramCallException extends Exception {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String method;

	private final transient TelegramFailure failure;

	TelegramCallException(String method, TelegramFailure failure) {
		super(method + " failed: " + failure.description(), null, false, false);
		this.method = method;
		this.failure = failure;
	}

	/**
	 * The Bot API method that failed.
	 * @return the method name, such as {@code sendMessage}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * How the call failed.
	 * @return the classified failure
	 */
	public TelegramFailure failure() {
		return this.failure;
	}

}
