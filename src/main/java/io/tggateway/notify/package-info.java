/**
 * The REST API v1 that internal services call to notify people on Telegram: API keys,
 * per-client quotas, strict request validation, and RFC 9457 problem details for errors.
 */
@NullMarked
package io.tggateway.notify;

import org.jspecify.annotations.NullMarked;
