package io.tggateway.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.delivery.OutboxStore.Claim;
import io.tggateway.lifecycle.Backoff;
import io.tggateway.telegram.ChatIds;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;

/**
 * One attempt at a claimed delivery: the next message of its notification, then the
 * delivery's new state, decided by Telegram's answer.
 * <ul>
 * <li>sent: the next part follows at once (paced by the chat's budget); after the last
 * part the delivery is delivered;</li>
 * <li>the chat's send budget is spent: put off, not counted as an attempt;</li>
 * <li>429 or a transient failure: retried with capped exponential back-off and jitter
 * ({@code retry-initial}, {@code retry-max}), until {@code max-attempts} or
 * {@code max-age}; an unknown outcome marks the delivery as a possible duplicate;</li>
 * <li>a rejected token: retried the same way (a restart with a good token resumes);</li>
 * <li>blocked, kicked, deactivated: failed, and the chat is marked inactive so topics
 * skip it until the person writes again;</li>
 * <li>chat not found, a bad request: failed;</li>
 * <li>the group became a supergroup: the chat's links, subscriptions and queued
 * deliveries move to the new id, and this delivery is sent there at once.</li>
 * </ul>
 */
final class DeliveryAttempt {

	/**
	 * The MDC key that holds the notification id while an attempt at it runs.
	 */
	static final String NOTIFICATION_ID_KEY = "notification_id";

	private static final Logger logger = LoggerFactory.getLogger(DeliveryAttempt.class);

	private final OutboxStore store;

	private final TelegramSender sender;

	private final SendRateLimiter limiter;

	private final DeliveryProperties properties;

	private final Audience audience;

	private final Clock clock;

	private final Backoff backoff;

	private final DeliveryCounters counters;

	DeliveryAttempt(OutboxStore store, TelegramSender sender, SendRateLimiter limiter, DeliveryProperties properties,
			Audience audience, Clock clock, DeliveryCounters counters) {
		this.store = store;
		this.sender = sender;
		this.limiter = limiter;
		this.properties = properties;
		this.audience = audience;
		this.clock = clock;
		this.backoff = new Backoff(properties.retryInitial(), properties.retryMax());
		this.counters = counters;
	}

	void run(Claim claim) throws InterruptedException {
		// Senders are reused for every delivery: the key must not outlive the attempt.
		MDC.put(NOTIFICATION_ID_KEY, claim.notification().id().toString());
		try {
			attempt(claim);
		}
		finally {
			MDC.remove(NOTIFICATION_ID_KEY);
		}
	}

	private void attempt(Claim claim) throws InterruptedException {
		DeliveryState delivery = claim.delivery();
		Instant now = this.clock.instant();
		Duration wait = this.limiter.tryAcquireChat(delivery.chatId());
		if (!wait.isZero()) {
			this.counters.deferred.increment();
			this.store.save(delivery.deferredTo(now.plus(wait), now));
			return;
		}
		try {
			Message sent = this.sender.sendOnce(
					NotificationMessages.part(claim.notification(), delivery.partsSent(), delivery.chatId()),
					SendPriority.BULK);
			this.counters.messagesSent.increment();
			DeliveryState next = delivery.partSent(sent.getMessageId(), claim.notification().parts().size(),
					this.clock.instant());
			if (next.status() == DeliveryStatus.DELIVERED) {
				this.counters.delivered.increment();
			}
			this.store.save(next);
		}
		catch (TelegramCallException ex) {
			this.store.save(afterFailure(delivery, ex.failure(), this.clock.instant()));
		}
		catch (InterruptedException ex) {
			// Stopping: hand the claim back untouched.
			this.store.save(delivery.deferredTo(now, this.clock.instant()));
			throw ex;
		}
	}

	private DeliveryState afterFailure(DeliveryState delivery, TelegramFailure failure, Instant now) {
		long chatId = delivery.chatId();
		return switch (failure) {
			case TelegramFailure.Forbidden forbidden -> {
				this.audience.chats().markInactive(chatId, forbidden.description());
				yield failed(delivery, forbiddenReason(forbidden), forbidden.description(), now);
			}
			case TelegramFailure.ChatNotFound notFound ->
				failed(delivery, FailureReason.CHAT_NOT_FOUND, notFound.description(), now);
			case TelegramFailure.MessageTooLong tooLong ->
				failed(delivery, FailureReason.BAD_REQUEST, tooLong.description(), now);
			case TelegramFailure.ClientError clientError ->
				failed(delivery, FailureReason.BAD_REQUEST, clientError.description(), now);
			case TelegramFailure.ChatMigrated migrated -> migrate(delivery, migrated.newChatId(), now);
			case TelegramFailure.RetryAfter retry ->
				retry(delivery, now.plus(retry.retryAfter()), "429 Too Many Requests", false, now);
			case TelegramFailure.Transient transientFailure ->
				retry(delivery, now.plus(this.backoff.delay(delivery.attempts() + 1)), transientFailure.description(),
						transientFailure.outcomeUnknown(), now);
			case TelegramFailure.Unauthorized unauthorized -> retry(delivery,
					now.plus(this.backoff.delay(delivery.attempts() + 1)), unauthorized.description(), false, now);
			case TelegramFailure.Conflict conflict -> retry(delivery,
					now.plus(this.backoff.delay(delivery.attempts() + 1)), conflict.description(), false, now);
		};
	}

	private DeliveryState retry(DeliveryState delivery, Instant at, String error, boolean outcomeUnknown, Instant now) {
		DeliveryState attempted = delivery.retryAt(at, error, outcomeUnknown, now);
		boolean tooOld = !delivery.createdAt().plus(this.properties.maxAge()).isAfter(at);
		if (tooOld || attempted.attempts() >= this.properties.maxAttempts()) {
			String why = tooOld ? "not sent within " + this.properties.maxAge()
					: "gave up after " + attempted.attempts() + " attempts";
			this.counters.failed(FailureReason.EXPIRED);
			return attempted.failed(why + ": " + error, false, now);
		}
		this.counters.retried.increment();
		return attempted;
	}

	private DeliveryState failed(DeliveryState delivery, FailureReason reason, String error, Instant now) {
		this.counters.failed(reason);
		logger.debug("Delivery {} to chat {} failed: {}", delivery.id(), ChatIds.mask(delivery.chatId()), error);
		return delivery.failed(error, true, now);
	}

	private DeliveryState migrate(DeliveryState delivery, long newChatId, Instant now) {
		long oldChatId = delivery.chatId();
		logger.info("Chat {} became supergroup {}; moving its links, subscriptions and deliveries",
				ChatIds.mask(oldChatId), ChatIds.mask(newChatId));
		this.audience.links().moveChat(oldChatId, newChatId);
		this.audience.subscriptions().moveChat(oldChatId, newChatId);
		this.store.moveChat(oldChatId, newChatId);
		this.counters.migrated.increment();
		return delivery.movedTo(newChatId, "the group became supergroup " + newChatId, now);
	}

	private static FailureReason forbiddenReason(TelegramFailure.Forbidden forbidden) {
		return switch (forbidden.reason()) {
			case BLOCKED -> FailureReason.BLOCKED;
			case KICKED -> FailureReason.KICKED;
			case DEACTIVATED -> FailureReason.DEACTIVATED;
			case OTHER -> FailureReason.FORBIDDEN;
		};
	}

	/**
	 * The audience repositories an attempt updates.
	 *
	 * @param links subject links
	 * @param subscriptions topic subscriptions
	 * @param chats chat states
	 */
	record Audience(SubjectLinks links, TopicSubscriptions subscriptions, ChatStates chats) {
	}

}
