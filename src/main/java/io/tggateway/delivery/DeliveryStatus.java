package io.tggateway.delivery;

/**
 * Where the delivery of a notification to one chat stands.
 */
public enum DeliveryStatus {

	/** Waiting for its turn (or for a retry). */
	QUEUED,
	/** Being sent now. */
	SENDING,
	/** Telegram accepted every message. */
	DELIVERED,
	/** Telegram refused it for good, or the attempts ran out. */
	FAILED;

	/**
	 * Whether nothing more will happen to the delivery.
	 * @return {@code true} for delivered and failed
	 */
	public boolean isFinal() {
		return this == DELIVERED || this == FAILED;
	}

}
