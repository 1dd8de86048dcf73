package io.tggateway.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The state of one delivery (a notification to one chat), as the outbox keeps it. Each
 * change makes a new state.
 *
 * @param id the delivery's id
 * @param notificationId its notification
 * @param chatId the chat
 * @param sequence its place in the order of acceptance (per chat order follows it)
 * @param status where it stands
 * @param attempts how many times sending was tried
 * @param partsSent how many of the notification's messages were sent
 * @param messageIds the Telegram ids of the messages sent
 * @param lastError the last failure, or {@code null}
 * @param possibleDuplicate whether an attempt with an unknown outcome was retried
 * @param createdAt when it was accepted
 * @param updatedAt when it last changed
 * @param nextAttemptAt when it may be sent (again)
 * @param deliveredAt when it was delivered, or {@code null}
 */
record DeliveryState(long id, UUID notificationId, long chatId, long sequence, DeliveryStatus status, int attempts,
		int partsSent, List<Integer> messageIds, @Nullable String lastError, boolean possibleDuplicate,
		Instant createdAt, Instant updatedAt, Instant nextAttemptAt, @Nullable Instant deliveredAt) {

	DeliveryState {
		messageIds = List.copyOf(messageIds);
	}

	static DeliveryState queued(long id, UUID notificationId, long chatId, long sequence, Instant now) {
		return new DeliveryState(id, notificationId, chatId, sequence, DeliveryStatus.QUEUED, 0, 0, List.of(), null,
				false, now, now, now, null);
	}

	DeliveryState sending(Instant now) {
		return new DeliveryState(this.id, this.notificationId, this.chatId, this.sequence, DeliveryStatus.SENDING,
				this.attempts, this.partsSent, this.messageIds, this.lastError, this.possibleDuplicate, this.createdAt,
				now, this.nextAttemptAt, null);
	}

	/**
	 * One more message of the notification went out; delivered once all have.
	 */
	DeliveryState partSent(int messageId, int totalParts, Instant now) {
		List<Integer> ids = new ArrayList<>(this.messageIds);
		ids.add(messageId);
		int sent = this.partsSent + 1;
		boolean done = sent >= totalParts;
		return new DeliveryState(this.id, this.notificationId, this.chatId, this.sequence,
				done ? DeliveryStatus.DELIVERED : DeliveryStatus.QUEUED, this.attempts + 1, sent, ids, this.lastError,
				this.possibleDuplicate, this.createdAt, now, now, done ? now : null);
	}

	/**
	 * An attempt failed and will be retried at the given time.
	 */
	DeliveryState retryAt(Instant at, String error, boolean outcomeUnknown, Instant now) {
		return new DeliveryState(this.id, this.notificationId, this.chatId, this.sequence, DeliveryStatus.QUEUED,
				this.attempts + 1, this.partsSent, this.messageIds, error, this.possibleDuplicate || outcomeUnknown,
				this.createdAt, now, at, null);
	}

	/**
	 * Not attempted: the chat's send budget is spent until the given time.
	 */
	DeliveryState deferredTo(Instant at, Instant now) {
		return new DeliveryState(this.id, this.notificationId, this.chatId, this.sequence, DeliveryStatus.QUEUED,
				this.attempts, this.partsSent, this.messageIds, this.lastError, this.possibleDuplicate, this.createdAt,
				now, at, null);
	}

	DeliveryState failed(String error, boolean attempted, Instant now) {
		return new DeliveryState(this.id, this.notificationId, this.chatId, this.sequence, DeliveryStatus.FAILED,
				this.attempts + (attempted ? 1 : 0), this.partsSent, this.messageIds, error, this.possibleDuplicate,
				this.createdAt, now, this.nextAttemptAt, null);
	}

	/**
	 * The chat moved (a group became a supergroup): sent again, to the new id, now.
	 */
	DeliveryState movedTo(long newChatId, String reason, Instant now) {
		return new DeliveryState(this.id, this.notificationId, newChatId, this.sequence, DeliveryStatus.QUEUED,
				this.attempts + 1, this.partsSent, this.messageIds, reason, this.possibleDuplicate, this.createdAt, now,
				now, null);
	}

	DeliveryView view() {
		return new DeliveryView(this.chatId, this.status, this.attempts, this.messageIds, this.lastError,
				this.possibleDuplicate, this.createdAt, this.updatedAt, this.deliveredAt);
	}

}
