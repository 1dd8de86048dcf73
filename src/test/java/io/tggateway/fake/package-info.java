/**
 * A stateful fake of the Telegram Bot API server on loopback, for tests, benchmarks and
 * the local sandbox: offsets and long polls, send limits, chat states, injected faults.
 */
@NullMarked
package io.tggateway.fake;

import org.jspecify.annotations.NullMarked;
