package io.tggateway.dispatch;

/**
 * How the handling of an accepted update ended.
 */
public enum DispatchOutcome {

	/** The handler returned normally. */
	HANDLED,
	/** The handler threw. */
	FAILED,
	/**
	 * The handler ran past {@code gateway.dispatch.handler-timeout}; it was interrupted
	 * and its chat moved on.
	 */
	TIMED_OUT

}
