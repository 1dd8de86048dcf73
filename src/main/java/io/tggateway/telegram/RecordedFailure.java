package io.tggateway.telegram;

import java.time.Instant;

/**
 * A failed Bot API call, as remembered for operators. Never contains the token.
 *
 * @param at when the failure was seen
 * @param method the Bot API method, such as {@code getUpdates}
 * @param kind the kind of {@link TelegramFailure}, such as {@code Conflict}
 * @param description what Telegram or the network said
 */
public record RecordedFailure(Instant at, String method, String kind, String description) {

}
