package io.tggateway.dispatch;

/**
 * What became of an update offered to the dispatcher.
 */
public enum SubmitResult {

	/** Queued in its chat's lane; it will be handled. */
	ACCEPTED,
	/**
	 * Refused: its chat already has the most updates a chat may queue (flood protection).
	 */
	LANE_FULL,
	/** Refused: the dispatcher holds the most updates it may; offer it again later. */
	QUEUE_FULL,
	/** Refused: the dispatcher is stopping or not started. */
	STOPPING

}
