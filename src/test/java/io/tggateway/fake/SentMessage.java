package io.tggateway.fake;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message the fake accepted from the bot.
 *
 * @param chatId the chat it was sent to (after resolving an {@code @username})
 * @param messageId the id the fake gave it (increasing per chat)
 * @param text the {@code text} parameter exactly as sent, with its markup
 * @param request all parameters of the call, as JSON
 * @param receivedAtNanos {@link System#nanoTime()} when the request arrived, before any
 * latency
 * @param receivedAt wall-clock time when the request arrived
 */
public record SentMessage(long chatId, int messageId, String text, JsonNode request, long receivedAtNanos,
		Instant receivedAt) {

}
