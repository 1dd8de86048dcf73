package io.tggateway.delivery;

import java.time.Duration;

/**
 * What became of a notification offered to the outbox.
 */
public sealed interface AcceptResult {

	/**
	 * Accepted (or, for a repeated idempotency key with the same request, accepted
	 * before).
	 *
	 * @param notification the notification
	 * @param repeated whether this repeats an earlier request with the same idempotency
	 * key
	 */
	record Accepted(NotificationView notification, boolean repeated) implements AcceptResult {
	}

	/**
	 * The idempotency key was used before, within its lifetime, for a different request.
	 *
	 * @param key the key
	 */
	record KeyReused(String key) implements AcceptResult {
	}

	/**
	 * The topic is not declared.
	 *
	 * @param topic the topic
	 */
	record UnknownTopic(String topic) implements AcceptResult {
	}

	/**
	 * No chat is linked to the subject.
	 *
	 * @param subject the subject
	 */
	record NoLinkedChat(String subject) implements AcceptResult {
	}

	/**
	 * The text cannot be sent as it is.
	 *
	 * @param reason what is wrong and what to do
	 */
	record InvalidText(String reason) implements AcceptResult {
	}

	/**
	 * The outbox holds as many deliveries as it may; try again later.
	 *
	 * @param retryAfter when trying again makes sense
	 */
	record OutboxFull(Duration retryAfter) implements AcceptResult {
	}

}
