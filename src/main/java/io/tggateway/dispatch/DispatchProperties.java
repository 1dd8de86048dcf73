package io.tggateway.dispatch;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dispatcher limits ({@code gateway.dispatch}).
 *
 * @param maxRunningHandlers how many handlers may run at once, across all chats
 * @param maxQueuedUpdates how many accepted updates may wait or run at once; when
 * reached, the poller holds instead of fetching more
 * @param maxQueuedPerChat how many updates one chat may have waiting or running; more are
 * refused and counted, so that one flooding chat cannot stall the others
 * @param handlerTimeout how long one handler may run before it is interrupted and its
 * chat moves on to the next update
 */
@Validated
@ConfigurationProperties("gateway.dispatch")
public record DispatchProperties(@Min(1) @Max(100_000) @DefaultValue("256") int maxRunningHandlers,
		@Min(1) @Max(10_000_000) @DefaultValue("10000") int maxQueuedUpdates,
		@Min(1) @Max(1_000_000) @DefaultValue("100") int maxQueuedPerChat,
		@DurationMin(millis = 1) @DefaultValue("60s") Duration handlerTimeout) {

	/**
	 * Whether the per-chat limit fits inside the global one.
	 * @return {@code true} if {@code max-queued-per-chat <= max-queued-updates}
	 */
	@AssertTrue(message = "gateway.dispatch.max-queued-per-chat must not exceed gateway.dispatch.max-queued-updates")
	public boolean isPerChatLimitWithinTotal() {
		return this.maxQueuedPerChat <= this.maxQueuedUpdates;
	}

}
