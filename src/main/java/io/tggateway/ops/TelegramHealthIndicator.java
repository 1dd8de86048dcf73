package io.tggateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import io.tggateway.poller.PollerState;
import io.tggateway.poller.PollerStatus;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.telegram.BotIdentity;

/**
 * {@code telegram}: whether updates arrive. Not part of liveness (a Telegram outage must
 * not restart pods) nor of readiness (the REST API works without Telegram).
 * <ul>
 * <li>{@code UP}: polling; or backing off (network, 5xx, 429) while the last successful
 * poll is younger than {@code gateway.ops.poll-stale-after}; or a standby replica, whose
 * leader polls.</li>
 * <li>{@code DOWN}: the token was rejected (reason "token rejected"), or backing off for
 * longer than {@code poll-stale-after}.</li>
 * <li>{@code CONFLICT}: Telegram answers 409.</li>
 * <li>{@code UNKNOWN}: starting (waiting for {@code getMe}).</li>
 * <li>{@code OUT_OF_SERVICE}: the leader's poller is stopped (shutting down).</li>
 * </ul>
 */
final class TelegramHealthIndicator implements HealthIndicator {

	private final UpdatePoller poller;

	private final BotIdentity identity;

	private final ReplicaRole role;

	private final Duration staleAfter;

	private final Clock clock;

	private final Instant createdAt;

	TelegramHealthIndicator(UpdatePoller poller, BotIdentity identity, ReplicaRole role, Duration staleAfter,
			Clock clock) {
		this.poller = poller;
		this.identity = identity;
		this.role = role;
		this.staleAfter = staleAfter;
		this.clock = clock;
		this.createdAt = clock.instant();
	}

	@Override
	public Health health() {
		PollerStatus status = this.poller.status();
		Instant now = this.clock.instant();
		Instant lastSuccess = status.lastSuccessfulPoll();
		Health.Builder health = Health.status(status(status, now)).withDetail("poller", status.state());
		if (lastSuccess != null) {
			health.withDetail("lastSuccessfulPoll", lastSuccess.toString())
				.withDetail("lastSuccessfulPollAge", Duration.between(lastSuccess, now).toString());
		}
		health.withDetail("offset", status.offset()).withDetail("consecutiveFailures", status.consecutiveFailures());
		String lastError = status.lastError();
		if (lastError != null) {
			health.withDetail("lastError", lastError);
		}
		String reason = reason(status, now);
		if (reason != null) {
			health.withDetail("reason", reason);
		}
		return health.build();
	}

	private Status status(PollerStatus status, Instant now) {
		if (rejected(status)) {
			return Status.DOWN;
		}
		return switch (status.state()) {
			case POLLING -> Status.UP;
			case BACKING_OFF -> isStale(status, now) ? Status.DOWN : Status.UP;
			case CONFLICT -> OpsStatus.CONFLICT;
			case STARTING -> Status.UNKNOWN;
			case STOPPED -> this.role.isLeader() ? Status.OUT_OF_SERVICE : Status.UP;
			case UNAUTHORIZED -> Status.DOWN;
		};
	}

	private @Nullable String reason(PollerStatus status, Instant now) {
		if (rejected(status)) {
			return BotIdentityHealthIndicator.TOKEN_REJECTED;
		}
		return switch (status.state()) {
			case POLLING -> null;
			case BACKING_OFF -> isStale(status, now) ? "no successful poll for " + sinceLastSuccess(status, now)
					: "backing off after failed polls";
			case CONFLICT -> OpsStatus.CONFLICT.getDescription();
			case STARTING -> "waiting for the bot's identity (getMe)";
			case STOPPED -> this.role.isLeader() ? "the poller is stopped" : "standby: the leader polls";
			case UNAUTHORIZED -> BotIdentityHealthIndicator.TOKEN_REJECTED;
		};
	}

	private boolean rejected(PollerStatus status) {
		return status.state() == PollerState.UNAUTHORIZED || this.identity.state() == BotIdentity.State.UNAUTHORIZED;
	}

	private boolean isStale(PollerStatus status, Instant now) {
		return sinceLastSuccess(status, now).compareTo(this.staleAfter) > 0;
	}

	private Duration sinceLastSuccess(PollerStatus status, Instant now) {
		Instant lastSuccess = status.lastSuccessfulPoll();
		return Duration.between((lastSuccess != null) ? lastSuccess : this.createdAt, now);
	}

}
