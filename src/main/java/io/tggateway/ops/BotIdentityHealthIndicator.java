package io.tggateway.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.tggateway.telegram.BotIdentity;

/**
 * {@code botIdentity}, part of readiness: {@code UP} once Telegram answered {@code getMe}
 * (command routing and deep links need the bot's username), {@code DOWN} while it has
 * not, and {@code DOWN} with the reason "token rejected" after a 401.
 */
final class BotIdentityHealthIndicator implements HealthIndicator {

	static final String TOKEN_REJECTED = "token rejected";

	private final BotIdentity identity;

	BotIdentityHealthIndicator(BotIdentity identity) {
		this.identity = identity;
	}

	@Override
	public Health health() {
		return switch (this.identity.state()) {
			case KNOWN -> Health.up().withDetail("username", this.identity.username().orElse("")).build();
			case CONNECTING -> Health.down()
				.withDetail("reason", "Telegram has not answered getMe yet")
				.withDetail("lastError", this.identity.lastError().orElse("none"))
				.build();
			case UNAUTHORIZED -> Health.down()
				.withDetail("reason", TOKEN_REJECTED)
				.withDetail("lastError", this.identity.lastError().orElse("none"))
				.build();
		};
	}

}
