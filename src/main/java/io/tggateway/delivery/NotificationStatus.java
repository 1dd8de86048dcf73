package io.tggateway.delivery;

import java.util.Collection;

/**
 * Where a notification stands, summed up over its deliveries.
 */
public enum NotificationStatus {

	/** Nothing sent yet. */
	QUEUED,
	/** Some deliveries are under way or done, some still to go. */
	SENDING,
	/** Every delivery succeeded (or there was nobody to deliver to). */
	DELIVERED,
	/** Every delivery failed. */
	FAILED,
	/** Every delivery is done, and some failed. */
	PARTIALLY_FAILED;

	/**
	 * Sums up the statuses of a notification's deliveries.
	 * @param deliveries the deliveries' statuses
	 * @return the notification's status
	 */
	public static NotificationStatus of(Collection<DeliveryStatus> deliveries) {
		long delivered = deliveries.stream().filter((status) -> status == DeliveryStatus.DELIVERED).count();
		long failed = deliveries.stream().filter((status) -> status == DeliveryStatus.FAILED).count();
		long queued = deliveries.stream().filter((status) -> status == DeliveryStatus.QUEUED).count();
		if (delivered + failed == deliveries.size()) {
			if (failed == 0) {
				return DELIVERED;
			}
			return (delivered == 0) ? FAILED : PARTIALLY_FAILED;
		}
		return (queued == deliveries.size()) ? QUEUED : SENDING;
	}

}
