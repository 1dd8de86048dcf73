package io.tggateway.poller;

/**
 * Where the poller stands.
 */
public enum PollerState {

	/** Not running. */
	STOPPED,
	/** Waiting for the bot's identity and removing a webhook before the first poll. */
	STARTING,
	/** Polling normally. */
	POLLING,
	/** Waiting after failed polls (network, 5xx, 429) before the next one. */
	BACKING_OFF,
	/**
	 * Telegram answered 409: another process polls with this token or a webhook is set.
	 */
	CONFLICT,
	/** Telegram rejected the token: polling has stopped for good. */
	UNAUTHORIZED

}
