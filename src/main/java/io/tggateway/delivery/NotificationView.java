package io.tggateway.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification and its deliveries, as a client sees it.
 *
 * @param id the notification's id
 * @param client the calling service that sent it
 * @param recipient who it was for, such as {@code topic:releases}
 * @param status where it stands
 * @param createdAt when it was accepted
 * @param deliveries one entry per recipient chat
 */
public record NotificationView(UUID id, String client, String recipient, NotificationStatus status, Instant createdAt,
		List<DeliveryView> deliveries) {

	public NotificationView {
		deliveries = List.copyOf(deliveries);
	}

}
