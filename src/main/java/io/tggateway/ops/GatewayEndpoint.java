package io.tggateway.ops;

import java.util.List;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import io.tggateway.delivery.DeliveryEngine;
import io.tggateway.delivery.OutboxStats;
import io.tggateway.delivery.SendRateLimiter;
import io.tggateway.delivery.SendRateLimiter.LimiterState;
import io.tggateway.delivery.TelegramSender;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.DispatchStats;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.poller.PollerStatus;
import io.tggateway.poller.UpdatePoller;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.BotIdentity;
import io.tggateway.telegram.ChatIds;

/**
 * The read-only {@code gateway} Actuator endpoint ({@code /actuator/gateway} on the
 * management port): poller, role, dispatcher with its deepest lanes, outbox, send limits
 * and the last Telegram errors, in one answer. Chat ids are masked; the token never
 * appears.
 */
@Endpoint(id = "gateway", defaultAccess = Access.READ_ONLY)
final class GatewayEndpoint {

	private final Sources sources;

	private final ReplicaRole role;

	private final OpsProperties properties;

	GatewayEndpoint(Sources sources, ReplicaRole role, OpsProperties properties) {
		this.sources = sources;
		this.role = role;
		this.properties = properties;
	}

	@ReadOperation
	GatewayState state() {
		return new GatewayState(this.role.name(), this.role.store(), bot(), poller(), dispatcher(), outbox(),
				rateLimits(), telegramErrors());
	}

	private GatewayState.Bot bot() {
		BotIdentity identity = this.sources.identity();
		return new GatewayState.Bot(identity.state().name(), identity.username().orElse(null));
	}

	private GatewayState.Poller poller() {
		PollerStatus status = this.sources.poller().status();
		return new GatewayState.Poller(status.state().name(), status.offset(), status.confirmedOffset(),
				(status.lastSuccessfulPoll() != null) ? String.valueOf(status.lastSuccessfulPoll()) : null,
				status.consecutiveFailures(), status.lastError(), status.updatesReceived());
	}

	private GatewayState.Dispatcher dispatcher() {
		UpdateDispatcher dispatcher = this.sources.dispatcher();
		DispatchStats stats = dispatcher.stats();
		List<GatewayState.Lane> deepest = dispatcher.deepestLanes(this.properties.deepestLanes())
			.stream()
			.map((lane) -> new GatewayState.Lane(ChatIds.mask(lane.key()), lane.depth()))
			.toList();
		DispatchProperties limits = this.sources.dispatchProperties();
		return new GatewayState.Dispatcher(dispatcher.isRunning(), stats.queued(), limits.maxQueuedUpdates(),
				stats.running(), limits.maxRunningHandlers(), stats.activeLanes(), deepest);
	}

	private GatewayState.Outbox outbox() {
		OutboxStats outbox = this.sources.delivery().outbox();
		return new GatewayState.Outbox(outbox.queued(), outbox.sending(), outbox.oldestQueuedAge().toString());
	}

	private GatewayState.RateLimits rateLimits() {
		LimiterState limiter = this.sources.limiter().state();
		return new GatewayState.RateLimits(limiter.enabled(), this.sources.sender().pausedFor().toString(),
				limiter.globalTokens(), limiter.chatBuckets(), limiter.waited().toString());
	}

	private List<GatewayState.TelegramError> telegramErrors() {
		return this.sources.api()
			.recentFailures()
			.stream()
			.map((failure) -> new GatewayState.TelegramError(failure.at().toString(), failure.method(), failure.kind(),
					failure.description()))
			.toList();
	}

	/**
	 * The features the endpoint reads.
	 *
	 * @param poller the poller
	 * @param identity the bot's identity
	 * @param dispatcher the dispatcher
	 * @param dispatchProperties the dispatcher's limits
	 * @param delivery the delivery engine
	 * @param limiter the send limits
	 * @param sender the send path (its 429 pause)
	 * @param api the Bot API client (its recent failures)
	 */
	record Sources(UpdatePoller poller, BotIdentity identity, UpdateDispatcher dispatcher,
			DispatchProperties dispatchProperties, DeliveryEngine delivery, SendRateLimiter limiter,
			TelegramSender sender, BotApiClient api) {
	}

}
