/**
 * Tests of the Bot API adapter against the fake Bot API server: every failure kind
 * classified, updates read leniently, the token kept secret, the configuration validated.
 */
@NullMarked
package io.tggateway.telegram;

import org.jspecify.annotations.NullMarked;
