package io.tggateway.delivery;

import java.util.Map;

/**
 * The delivery engine's counters since start.
 *
 * @param messagesSent Telegram messages sent (a long notification is several)
 * @param delivered deliveries completed
 * @param retried failed attempts that will be retried
 * @param deferred attempts put off because a chat's send budget was spent
 * @param migrated deliveries moved to a supergroup's new chat id
 * @param failed deliveries failed for good, by reason
 */
public record DeliveryStats(long messagesSent, long delivered, long retried, long deferred, long migrated,
		Map<FailureReason, Long> failed) {

	public DeliveryStats {
		failed = Map.copyOf(failed);
	}

}
