package io.tggateway.notify;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * REST API settings ({@code gateway.api}).
 *
 * @param keys the API keys of the calling services, by client name
 * ({@code gateway.api.keys.<client>}, environment variable
 * {@code GATEWAY_API_KEYS_<CLIENT>}); a call authenticates with
 * {@code Authorization: Bearer <key>}. Without any key every call is refused.
 * @param requestsPerSecond how many requests one client may make per second (a burst of
 * as many is allowed); more are answered with 429 and {@code Retry-After}
 * @param maxBodySize the largest request body accepted; larger ones are answered with 413
 * @param linkTtl how long a deep link from {@code POST /api/v1/links} works when the
 * request does not say
 */
@Validated
@ConfigurationProperties("gateway.api")
record ApiProperties(@DefaultValue Map<String, @Valid ApiKey> keys,
		@Min(1) @Max(1_000_000) @DefaultValue("50") int requestsPerSecond, @DefaultValue("64KB") DataSize maxBodySize,
		@DurationMin(minutes = 1) @DurationMax(days = 30) @DefaultValue("24h") Duration linkTtl) {

	/** The smallest body limit that still fits a useful notification. */
	static final DataSize MIN_BODY_SIZE = DataSize.ofKilobytes(1);

	/** The largest body limit: the body is held in memory while it is checked. */
	static final DataSize MAX_BODY_SIZE = DataSize.ofMegabytes(16);

	/**
	 * Whether the body limit is within 1 KB and 16 MB.
	 * @return {@code true} if it is
	 */
	@AssertTrue(message = "gateway.api.max-body-size must be between 1KB and 16MB")
	public boolean isMaxBodySizeInRange() {
		return this.maxBodySize == null
				|| (this.maxBodySize.compareTo(MIN_BODY_SIZE) >= 0 && this.maxBodySize.compareTo(MAX_BODY_SIZE) <= 0);
	}

	/**
	 * Whether no two clients share a key (a call could not tell who it is).
	 * @return {@code true} if every key is different
	 */
	@AssertTrue(message = "gateway.api.keys.<client>: two clients have the same key; give each client its own")
	public boolean isKeysDistinct() {
		if (this.keys == null) {
			return true;
		}
		Set<ApiKey> seen = new HashSet<>();
		return this.keys.values().stream().allMatch(seen::add);
	}

}
