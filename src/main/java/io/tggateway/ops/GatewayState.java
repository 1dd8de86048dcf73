package io.tggateway.ops;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the {@code gateway} endpoint answers: the live state an operator asks for first.
 * Chat ids are masked and no field holds the token.
 *
 * @param role {@code leader} (polls and sends) or {@code standby}
 * @param store {@code memory} or {@code jdbc}
 * @param bot the bot's identity
 * @param poller the update poller
 * @param dispatcher the per-chat dispatcher
 * @param outbox the notification outbox
 * @param rateLimits the send limits
 * @param telegramErrors the last failed Bot API calls, newest first
 */
record GatewayState(String role, String store, Bot bot, Poller poller, Dispatcher dispatcher, Outbox outbox,
		RateLimits rateLimits, List<TelegramError> telegramErrors) {

	/**
	 * The bot.
	 *
	 * @param identity {@code CONNECTING}, {@code KNOWN} or {@code UNAUTHORIZED}
	 * @param username the bot's username once known
	 */
	record Bot(String identity, @Nullable String username) {
	}

	/**
	 * The poller.
	 *
	 * @param state its state
	 * @param offset the offset the next poll sends
	 * @param confirmedOffset the offset Telegram last received
	 * @param lastSuccessfulPoll when a poll last succeeded (ISO-8601), or {@code null}
	 * @param consecutiveFailures failed polls since the last success
	 * @param lastError the last failure, or {@code null}
	 * @param updatesReceived updates received since start
	 */
	record Poller(String state, int offset, int confirmedOffset, @Nullable String lastSuccessfulPoll,
			int consecutiveFailures, @Nullable String lastError, long updatesReceived) {
	}

	/**
	 * The dispatcher.
	 *
	 * @param accepting whether it accepts updates
	 * @param queued updates waiting or running
	 * @param capacity {@code max-queued-updates}
	 * @param running handlers running
	 * @param runningLimit {@code max-running-handlers}
	 * @param activeLanes chats with work
	 * @param deepestLanes the chats with the most updates, deepest first
	 */
	record Dispatcher(boolean accepting, int queued, int capacity, int running, int runningLimit, long activeLanes,
			List<Lane> deepestLanes) {
	}

	/**
	 * One lane.
	 *
	 * @param chat the chat id, masked: only its last four digits
	 * @param depth updates waiting or running
	 */
	record Lane(String chat, int depth) {
	}

	/**
	 * The outbox.
	 *
	 * @param queued deliveries waiting
	 * @param sending deliveries being sent
	 * @param oldestQueuedAge the oldest queued delivery's age (ISO-8601)
	 */
	record Outbox(int queued, int sending, String oldestQueuedAge) {
	}

	/**
	 * The send limits.
	 *
	 * @param enabled whether Telegram's limits are applied
	 * @param pausedFor how long all sends stay paused after a 429 (ISO-8601), zero when
	 * not paused
	 * @param globalTokens sends the bot-wide bucket allows right now
	 * @param chatBuckets chats with a send budget in memory
	 * @param waited the total time senders waited for budget (ISO-8601)
	 */
	record RateLimits(boolean enabled, String pausedFor, long globalTokens, int chatBuckets, String waited) {
	}

	/**
	 * A failed Bot API call.
	 *
	 * @param at when (ISO-8601)
	 * @param method the Bot API method
	 * @param kind the kind of failure ({@code Conflict}, {@code Unauthorized},
	 * {@code RetryAfter}, {@code Transient}…)
	 * @param message what Telegram or the network said
	 */
	record TelegramError(String at, String method, String kind, String message) {
	}

}
