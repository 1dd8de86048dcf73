package io.tggateway.delivery;

/**
 * How urgent a message is when the send budget is short.
 */
public enum SendPriority {

	/** A reply to somebody talking to the bot now. */
	INTERACTIVE,
	/** A notification pushed by an internal service. */
	BULK

}
