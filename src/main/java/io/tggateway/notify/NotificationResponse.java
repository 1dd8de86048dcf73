package io.tggateway.notify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.tggateway.delivery.DeliveryView;
import io.tggateway.delivery.NotificationView;

/**
 * A notification and its deliveries, as the API shows them.
 *
 * @param id the notification's id
 * @param recipient who it is for, such as {@code chat:42}, {@code subject:user-42} or
 * {@code topic:releases}
 * @param status where it stands
 * @param createdAt when it was accepted
 * @param deliveries one entry per recipient chat
 */
@Schema(name = "Notification")
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationResponse(UUID id, @Schema(example = "subject:user-42") String recipient,
		@Schema(example = "delivered") String status, Instant createdAt, List<Delivery> deliveries) {

	static NotificationResponse of(NotificationView view) {
		return new NotificationResponse(view.id(), view.recipient(), lowerCase(view.status()), view.createdAt(),
				view.deliveries().stream().map(Delivery::of).toList());
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The delivery of the notification to one chat.
	 *
	 * @param chatId the chat
	 * @param status where the delivery stands
	 * @param attempts how many times sending was tried
	 * @param messageIds the ids of the Telegram messages sent so far (several for a long
	 * text)
	 * @param lastError the last failure, in words
	 * @param possibleDuplicate whether the message may have arrived twice: an attempt
	 * whose outcome was unknown (a timeout after sending) was retried
	 * @param createdAt when the delivery was accepted
	 * @param updatedAt when it last changed
	 * @param deliveredAt when Telegram accepted the last message
	 */
	@Schema(name = "Delivery")
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Delivery(long chatId, @Schema(example = "delivered") String status, int attempts, List<Integer> messageIds,
			@Nullable String lastError, boolean possibleDuplicate, Instant createdAt, Instant updatedAt,
			@Nullable Instant deliveredAt) {

		static Delivery of(DeliveryView view) {
			return new Delivery(view.chatId(), lowerCase(view.status()), view.attempts(), view.messageIds(),
					view.lastError(), view.possibleDuplicate(), view.createdAt(), view.updatedAt(), view.deliveredAt());
		}

	}

}
