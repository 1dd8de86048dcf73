package io.tggateway.notify;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/links}.
 *
 * @param subject the subject the link will link a chat to
 * @param ttl how long the link works, an ISO-8601 duration; {@code gateway.api.link-ttl}
 * if missing
 */
@Schema(name = "LinkRequest")
record LinkRequest(
		@Schema(requiredMode = RequiredMode.REQUIRED, pattern = "[A-Za-z0-9._:@-]{1,128}",
				example = "user-42") @Nullable String subject,
		@Schema(description = "How long the link works, an ISO-8601 duration from PT1M to P30D; 24 hours if missing",
				example = "PT1H") @Nullable String ttl) {
}
