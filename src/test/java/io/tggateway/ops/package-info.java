/**
 * Tests of health, probes, the {@code gateway} endpoint and structured logs, on the whole
 * service against the fake Bot API.
 */
@NullMarked
package io.tggateway.ops;

import org.jspecify.annotations.NullMarked;
