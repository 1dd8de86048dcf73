package io.tggateway.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery settings ({@code gateway.delivery}).
 *
 * @param limits Telegram's send limits
 * @param senders how many deliveries may be sent at once
 * @param outboxCapacity how many deliveries may wait at once; when full, new
 * notifications are refused with 503 and {@code Retry-After}
 * @param retryInitial the wait before the first retry of a failed delivery; it doubles
 * per attempt
 * @param retryMax the cap on the wait between retries
 * @param maxAttempts after this many failed attempts a delivery fails for good
 * @param maxAge a delivery still not sent this long after it was accepted fails for good
 * @param idempotencyTtl how long an {@code Idempotency-Key} is remembered
 * @param retention how long finished notifications stay readable
 * @param retainedNotifications with the memory store, the most finished notifications
 * kept (the oldest are forgotten first)
 */
@Validated
@ConfigurationProperties("gateway.delivery")
public record DeliveryProperties(@Valid @DefaultValue Limits limits, @Min(1) @Max(1024) @DefaultValue("16") int senders,
		@Min(1) @Max(100_000_000) @DefaultValue("100000") int outboxCapacity,
		@DurationMin(millis = 1) @DefaultValue("1s") Duration retryInitial,
		@DurationMin(millis = 1) @DefaultValue("5m") Duration retryMax,
		@Min(1) @Max(100_000) @DefaultValue("100") int maxAttempts,
		@DurationMin(seconds = 1) @DefaultValue("24h") Duration maxAge,
		@DurationMin(seconds = 1) @DefaultValue("24h") Duration idempotencyTtl,
		@DurationMin(seconds = 1) @DefaultValue("7d") Duration retention,
		@Min(1) @Max(100_000_000) @DefaultValue("100000") int retainedNotifications) {

	/**
	 * Whether the retry cap is at least the first retry's wait.
	 * @return {@code true} if consistent
	 */
	@AssertTrue(message = "gateway.delivery.retry-max must be at least gateway.delivery.retry-initial")
	public boolean isRetryConsistent() {
		return this.retryInitial == null || this.retryMax == null || this.retryMax.compareTo(this.retryInitial) >= 0;
	}

	/**
	 * Whether finished notifications are kept at least as long as their idempotency keys:
	 * a repeated request must find the notification its key was used for.
	 * @return {@code true} if consistent
	 */
	@AssertTrue(message = "gateway.delivery.retention must be at least gateway.delivery.idempotency-ttl")
	public boolean isRetentionCoveringIdempotency() {
		return this.retention == null || this.idempotencyTtl == null
				|| this.retention.compareTo(this.idempotencyTtl) >= 0;
	}

	/**
	 * Telegram's send limits. The service stays a little below them (see
	 * {@link SendRateLimiter}), so that network jitter never pushes it over.
	 *
	 * @param enabled whether sends are limited at all (load tests against a fake turn
	 * this off)
	 * @param globalPerSecond messages per second for the whole bot
	 * @param chatPerSecond messages per second to one private chat
	 * @param chatBurst how many messages a private chat may receive at once before the
	 * rate applies
	 * @param groupPerMinute messages per minute to one group or channel
	 */
	public record Limits(@DefaultValue("true") boolean enabled,
			@Min(1) @Max(100_000) @DefaultValue("30") int globalPerSecond,
			@Min(1) @Max(1_000) @DefaultValue("1") int chatPerSecond,
			@Min(1) @Max(1_000) @DefaultValue("2") int chatBurst,
			@Min(1) @Max(100_000) @DefaultValue("20") int groupPerMinute) {
	}

}
