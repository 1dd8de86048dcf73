package io.tggateway.delivery;

import java.time.Duration;

/**
 * Outbox depth, for health, metrics and the ops endpoint.
 *
 * @param queued deliveries waiting
 * @param sending deliveries being sent
 * @param oldestQueuedAge how long the oldest queued delivery has waited
 */
public record OutboxStats(int queued, int sending, Duration oldestQueuedAge) {

}
