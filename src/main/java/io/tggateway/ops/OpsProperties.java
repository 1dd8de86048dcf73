package io.tggateway.ops;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Health thresholds and the ops endpoint ({@code gateway.ops}).
 *
 * @param pollStaleAfter how long the poller may go without a successful poll while it
 * backs off before the {@code telegram} health turns {@code DOWN}
 * @param saturatedAtPercent how full the dispatcher's queue ({@code max-queued-updates})
 * may get before the {@code dispatcher} health turns {@code SATURATED}
 * @param deepestLanes how many of the deepest lanes the {@code gateway} endpoint lists
 */
@Validated
@ConfigurationProperties("gateway.ops")
public record OpsProperties(@DurationMin(seconds = 1) @DefaultValue("2m") Duration pollStaleAfter,
		@Min(1) @Max(100) @DefaultValue("90") int saturatedAtPercent,
		@Min(1) @Max(100) @DefaultValue("10") int deepestLanes) {

}
