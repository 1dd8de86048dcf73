package io.tggateway.ops;

import org.springframework.boot.health.contributor.Status;

/**
 * The health statuses this service adds to Spring Boot's. Their order and HTTP codes are
 * set in {@code application.yaml} ({@code management.endpoint.health.status}).
 */
final class OpsStatus {

	/**
	 * Telegram answers 409 Conflict: another process polls with this token, or a webhook
	 * is set. No update arrives until it goes away. HTTP 503.
	 */
	static final Status CONFLICT = new Status("CONFLICT",
			"Telegram answers 409 Conflict: another process polls with this token, or a webhook is set");

	/**
	 * The dispatcher's queue is nearly full: the poller holds back until handlers catch
	 * up. Working, but slow; HTTP 200.
	 */
	static final Status SATURATED = new Status("SATURATED",
			"the dispatcher's queue is nearly full: updates wait for handlers");

	private OpsStatus() {
	}

}
