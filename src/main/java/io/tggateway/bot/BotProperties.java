package io.tggateway.bot;

import java.time.Duration;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bot settings ({@code gateway.bot}).
 *
 * @param echo the diagnostic echo handler
 */
@Validated
@ConfigurationProperties("gateway.bot")
public record BotProperties(@Valid @DefaultValue Echo echo) {

	/**
	 * A diagnostic handler for smoke and load tests: replies to any plain text with the
	 * same text.
	 *
	 * @param enabled whether the echo handler is on; off by default
	 * @param delay how long it works before it replies, to simulate a real handler
	 */
	public record Echo(@DefaultValue("false") boolean enabled,
			@DurationMin(millis = 0) @DurationMax(minutes = 10) @DefaultValue("0ms") Duration delay) {

	}

}
