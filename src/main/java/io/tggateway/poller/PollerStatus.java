package io.tggateway.poller;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the poller, for health, metrics and the ops endpoint.
 *
 * @param state where the poller stands
 * @param offset the offset the next {@code getUpdates} sends
 * @param confirmedOffset the offset Telegram last received: every update below it is
 * forgotten by Telegram
 * @param lastSuccessfulPoll when a poll last succeeded, or {@code null}
 * @param lastError the last failure's description, or {@code null}
 * @param consecutiveFailures failed polls since the last success
 * @param polls successful polls since start
 * @param failedPolls failed polls since start
 * @param updatesReceived updates received (readable or not)
 * @param unreadableUpdates updates skipped because they could not be read
 * @param refusedUpdates updates the dispatcher refused (their chat flooded)
 */
public record PollerStatus(PollerState state, int offset, int confirmedOffset, @Nullable Instant lastSuccessfulPoll,
		@Nullable String lastError, int consecutiveFailures, long polls, long failedPolls, long updatesReceived,
		long unreadableUpdates, long refusedUpdates) {

}
