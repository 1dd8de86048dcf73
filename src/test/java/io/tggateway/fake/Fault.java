package io.tggateway.fake;

/**
 * A failure that {@link FakeTelegram#injectFaults(String, int, Fault)} serves instead of
 * the normal answer. Except for {@link #RESPONSE_LOST}, a faulted call has no effect.
 */
public enum Fault {

	/**
	 * HTTP 500 with Telegram's JSON error body.
	 */
	SERVER_ERROR_JSON,

	/**
	 * HTTP 502 with an HTML body ({@code Content-Type: text/html}), as a proxy in front
	 * of Telegram answers.
	 */
	BAD_GATEWAY_HTML,

	/**
	 * HTTP 429 with {@code retry_after} 1.
	 */
	TOO_MANY_REQUESTS,

	/**
	 * The TCP connection is closed after the request was read, with no HTTP answer at
	 * all: the client sees an end of stream while waiting for the status line (OkHttp:
	 * {@code IOException: unexpected end of stream}).
	 */
	DROP_CONNECTION,

	/**
	 * The call takes effect (a message is recorded as sent, getUpdates confirms and
	 * delivers) but the connection is then closed without an answer, as in "timed out
	 * after it was sent".
	 */
	RESPONSE_LOST,

	/**
	 * The request is held without an answer until the fake closes or a 120 s safety
	 * deadline passes; then the connection is closed without an answer. Clients see their
	 * read timeout.
	 */
	HANG

}
