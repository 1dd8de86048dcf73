package io.tggateway.poller;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Long-polling settings ({@code gateway.poller}).
 *
 * @param timeout how long Telegram may hold a {@code getUpdates} call while nothing is
 * pending, in whole seconds from 1 s (shorter would poll in a tight loop) to 50 s (the
 * Bot API's maximum)
 * @param limit the most updates one call fetches (1 to 100); fewer when the dispatcher
 * has less room
 * @param allowedUpdates the update types to receive, by their Bot API names (for example
 * {@code message}, {@code callback_query}); empty for Telegram's default set
 * @param backoffInitial the wait after the first failed poll; it doubles per failure
 * @param backoffMax the cap on the wait between failed polls
 * @param inboxRetention with the {@code jdbc} store, how long handled updates stay in the
 * inbox (they drop redeliveries meanwhile)
 */
@Validated
@ConfigurationProperties("gateway.poller")
public record PollerProperties(
		@DurationMin(seconds = 1) @DurationMax(seconds = 50) @DefaultValue("50s") Duration timeout,
		@Min(1) @Max(100) @DefaultValue("100") int limit, @NotNull @DefaultValue List<String> allowedUpdates,
		@DurationMin(millis = 1) @DefaultValue("1s") Duration backoffInitial,
		@DurationMin(millis = 1) @DefaultValue("30s") Duration backoffMax,
		@DurationMin(minutes = 1) @DefaultValue("24h") Duration inboxRetention) {

	/**
	 * The update types of the Bot API that this version can read.
	 */
	static final Set<String> UPDATE_TYPES = Set.of("message", "edited_message", "channel_post", "edited_channel_post",
			"business_connection", "business_message", "edited_business_message", "deleted_business_messages",
			"message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
			"shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
			"chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "guest_message", "managed_bot",
			"subscription");

	/**
	 * Whether every allowed update type is one the Bot API knows.
	 * @return {@code true} if all are known
	 */
	@AssertTrue(message = "gateway.poller.allowed-updates has an unknown update type; use Bot API names such as "
			+ "message, edited_message, callback_query, inline_query, my_chat_member, chat_member")
	public boolean isAllowedUpdatesKnown() {
		return this.allowedUpdates == null || UPDATE_TYPES.containsAll(this.allowedUpdates);
	}

	/**
	 * Whether the back-off cap is at least the initial back-off.
	 * @return {@code true} if consistent
	 */
	@AssertTrue(message = "gateway.poller.backoff-max must be at least gateway.poller.backoff-initial")
	public boolean isBackoffConsistent() {
		return this.backoffInitial == null || this.backoffMax == null
				|| this.backoffMax.compareTo(this.backoffInitial) >= 0;
	}

}
