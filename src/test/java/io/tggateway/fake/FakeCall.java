package io.tggateway.fake;

import java.time.Instant;

/**
 * One authorised Bot API call as the method implementations see it.
 *
 * @param token the bot token of the URL
 * @param params the call's parameters
 * @param receivedAtNanos {@link System#nanoTime()} when the request arrived
 * @param receivedAt wall-clock time when the request arrived
 */
record FakeCall(String token, FakeParams params, long receivedAtNanos, Instant receivedAt) {

}
