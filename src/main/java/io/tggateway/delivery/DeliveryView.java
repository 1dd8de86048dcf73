package io.tggateway.delivery;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The delivery of a notification to one chat, as a client sees it.
 *
 * @param chatId the chat
 * @param status where the delivery stands
 * @param attempts how many times sending was tried
 * @param messageIds the ids of the Telegram messages sent so far (several for a long
 * text)
 * @param lastError the last failure, in words, or {@code null}
 * @param possibleDuplicate whether a message may have arrived twice (an attempt whose
 * outcome was unknown was retried)
 * @param createdAt when the delivery was accepted
 * @param updatedAt when it last changed
 * @param deliveredAt when it was delivered, or {@code null}
 */
public record DeliveryView(long chatId, DeliveryStatus status, int attempts, List<Integer> messageIds,
		@Nullable String lastError, boolean possibleDuplicate, Instant createdAt, Instant updatedAt,
		@Nullable Instant deliveredAt) {

	public DeliveryView {
		messageIds = List.copyOf(messageIds);
	}

}
