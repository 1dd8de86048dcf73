package io.tggateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox's repository: notifications, their deliveries, and the idempotency keys.
 * <p>
 * Per-chat order: a chat's deliveries go out in {@code sequence} order, one at a time.
 * Only the head (lowest sequence not yet finished) of a chat can be claimed, and only
 * while no other delivery of that chat is claimed, so no two senders ever hold one chat.
 */
interface OutboxStore {

	/**
	 * The notification an idempotency key was used for, if it is still remembered (keys
	 * are remembered for {@code gateway.delivery.idempotency-ttl}).
	 * @param client the client
	 * @param key the key
	 * @param now the current time
	 * @return the notification, or empty
	 */
	Optional<StoredNotification> findByKey(String client, String key, Instant now);

	/**
	 * Stores a notification with one delivery per chat, atomically, unless the outbox is
	 * full or the idempotency key was taken meanwhile.
	 * @param notification the notification
	 * @param chatIds the recipient chats, in order
	 * @param capacity the most unfinished deliveries the outbox may hold
	 * @return what happened
	 */
	Insert insert(StoredNotification notification, List<Long> chatIds, int capacity);

	/**
	 * A notification and its deliveries.
	 * @param id the notification's id
	 * @return the view, or empty if unknown (or purged)
	 */
	Optional<NotificationView> find(UUID id);

	/**
	 * Claims due chat heads for sending: their status becomes {@code SENDING}.
	 * @param max the most to claim
	 * @param now the current time
	 * @return the claims, at most {@code max}
	 */
	List<Claim> claimDue(int max, Instant now);

	/**
	 * Saves the outcome of a claim's attempt, which ends the claim.
	 * @param state the delivery's new state
	 */
	void save(DeliveryState state);

	/**
	 * Moves the unfinished deliveries of a chat to a new chat id, in order.
	 * @param from the old chat id
	 * @param to the new chat id
	 */
	void moveChat(long from, long to);

	/**
	 * When the next claim becomes due.
	 * @return the earliest time a chat head is due, or empty if none waits
	 */
	Optional<Instant> nextDue();

	/**
	 * How many deliveries are unfinished, and how old the oldest queued one is.
	 * @param now the current time
	 * @return the counts
	 */
	OutboxStats stats(Instant now);

	/**
	 * Forgets finished notifications older than the retention, and expired idempotency
	 * keys.
	 * @param now the current time
	 * @param retention how long finished notifications stay
	 * @return how many notifications were forgotten
	 */
	int purge(Instant now, Duration retention);

	/**
	 * A delivery claimed for sending, with its notification.
	 *
	 * @param notification the notification
	 * @param delivery the delivery, in status {@code SENDING}
	 */
	record Claim(StoredNotification notification, DeliveryState delivery) {
	}

	/**
	 * What {@link #insert} did.
	 */
	sealed interface Insert {

		/**
		 * Stored.
		 *
		 * @param view the new notification
		 */
		record Inserted(NotificationView view) implements Insert {
		}

		/**
		 * The idempotency key was taken by another request meanwhile.
		 *
		 * @param existing the notification it was used for
		 */
		record KeyTaken(StoredNotification existing) implements Insert {
		}

		/**
		 * The outbox is full.
		 *
		 * @param unfinished how many deliveries are unfinished
		 */
		record Full(int unfinished) implements Insert {
		}

	}

}
