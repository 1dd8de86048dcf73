package io.tggateway.ops;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
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
 * @param detailsKey the key ({@code Authorization: Bearer <key>}) that shows the health
 * details on the management port; without it (or without a key configured) health shows
 * statuses and components only
 */
@Validated
@ConfigurationProperties("gateway.ops")
public record OpsProperties(@DurationMin(seconds = 1) @DefaultValue("2m") Duration pollStaleAfter,
		@Min(1) @Max(100) @DefaultValue("90") int saturatedAtPercent,
		@Min(1) @Max(100) @DefaultValue("10") int deepestLanes,
		@Nullable @Pattern(regexp = "[A-Za-z0-9._~+/-]{16,}=*",
				message = "must be at least 16 characters of A-Z, a-z, 0-9 and ._~+/- : set gateway.ops.details-key "
						+ "(GATEWAY_OPS_DETAILS_KEY) to a random secret, for example the output of "
						+ "`openssl rand -hex 32`") String detailsKey) {

	@Override
	public String toString() {
		return "OpsProperties[pollStaleAfter=" + this.pollStaleAfter + ", saturatedAtPercent=" + this.saturatedAtPercent
				+ ", deepestLanes=" + this.deepestLanes + ", detailsKey="
				+ ((this.detailsKey != null) ? "(set)" : "(not set)") + "]";
	}

}
