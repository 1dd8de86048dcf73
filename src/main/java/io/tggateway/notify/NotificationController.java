package io.tggateway.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tggateway.delivery.AcceptResult;
import io.tggateway.delivery.NewNotification;
import io.tggateway.delivery.NotificationOutbox;

/**
 * {@code /api/v1/notifications}: clients send notifications and follow their delivery.
 */
@RestController
@RequestMapping(NotificationController.PATH)
@Tag(name = "Notifications", description = "Send notifications and follow their delivery")
class NotificationController {

	static final String PATH = "/api/v1/notifications";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String IDEMPOTENCY_REPLAYED = "Idempotency-Replayed";

	private static final String KEY_DESCRIPTION = "A key for safe retries: 1 to 255 printable ASCII characters, "
			+ "such as a UUID. The same key with the same request within 24 hours returns the first notification.";

	private static final Logger logger = LoggerFactory.getLogger(NotificationController.class);

	private final NotificationOutbox outbox;

	NotificationController(NotificationOutbox outbox) {
		this.outbox = outbox;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "sendNotification", summary = "Send a notification",
			description = "Accepts a notification for delivery to a chat, to the chats linked to a subject, or to "
					+ "the active chats subscribed to a topic. Delivery is at least once, in order per chat. "
					+ "With an Idempotency-Key, repeating the same request within 24 hours returns the first "
					+ "notification and sends nothing new.")
	@ApiResponse(responseCode = "202", description = "Accepted (or accepted before, for a repeated idempotent request)",
			headers = { @Header(name = "Location", description = "The notification's URL"),
					@Header(name = IDEMPOTENCY_REPLAYED,
							description = "true when this answers a repeated request with the same Idempotency-Key") })
	@ApiResponse(responseCode = "409", description = "The Idempotency-Key was used before for a different request")
	@ApiResponse(responseCode = "422", description = "The topic is not declared, or no chat is linked to the subject")
	@ApiResponse(responseCode = "503", description = "The outbox is full; retry after Retry-After seconds",
			headers = @Header(name = "Retry-After", description = "Seconds to wait"))
	ResponseEntity<NotificationResponse> send(
			@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.CLIENT) String client,
			@Parameter(description = KEY_DESCRIPTION) @RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Nullable String idempotencyKey,
			@RequestBody NotificationRequest request, HttpServletRequest servletRequest) {
		List<InvalidField> problems = new ArrayList<>(request.problems());
		if (idempotencyKey != null) {
			if (Collections.list(servletRequest.getHeaders(IDEMPOTENCY_KEY)).size() > 1) {
				problems.add(new InvalidField(IDEMPOTENCY_KEY, "must be sent once"));
			}
			InputRules.idempotencyKey(idempotencyKey)
				.ifPresent((message) -> problems.add(new InvalidField(IDEMPOTENCY_KEY, message)));
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		AcceptResult result = this.outbox
			.accept(new NewNotification(client, request.recipient(), request.message(), idempotencyKey));
		return switch (result) {
			case AcceptResult.Accepted accepted -> accepted(client, accepted);
			case AcceptResult.KeyReused reused -> throw ApiException.invalid(ProblemType.IDEMPOTENCY_KEY_REUSED,
					List.of(new InvalidField(IDEMPOTENCY_KEY, "was used before for a different request; "
							+ "use a new key for a new request, or repeat the first request exactly")));
			case AcceptResult.UnknownTopic unknown ->
				throw ApiException.invalid(ProblemType.UNKNOWN_TOPIC, List.of(new InvalidField("topic",
						"no topic named '" + unknown.topic() + "' is declared; GET /api/v1/topics lists the topics")));
			case AcceptResult.NoLinkedChat none -> throw ApiException.invalid(ProblemType.NO_LINKED_CHAT,
					List.of(new InvalidField("subject", "no chat is linked to '" + none.subject()
							+ "'; POST /api/v1/links issues a link that the person opens in Telegram")));
			case AcceptResult.InvalidText invalid ->
				throw ApiException.invalid(List.of(new InvalidField("text", invalid.reason())));
			case AcceptResult.OutboxFull full -> throw new ApiException(ProblemType.OUTBOX_FULL,
					"The outbox is full: Telegram's send limits cannot keep up with the notifications. "
							+ "Retry after " + ApiException.retryAfterSeconds(full.retryAfter()) + " seconds.")
				.retryAfter(full.retryAfter());
		};
	}

	private ResponseEntity<NotificationResponse> accepted(String client, AcceptResult.Accepted accepted) {
		NotificationResponse body = NotificationResponse.of(accepted.notification());
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create(PATH + "/" + body.id()));
		if (accepted.repeated()) {
			response.header(IDEMPOTENCY_REPLAYED, "true");
			logger.debug("Client {} repeated the request of notification {}", client, body.id());
		}
		else {
			logger.debug("Client {} queued notification {} for {} ({} chats)", client, body.id(), body.recipient(),
					body.deliveries().size());
		}
		return response.body(body);
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getNotification", summary = "Get a notification's status",
			description = "The overall status and one entry per recipient chat. A client sees only its own "
					+ "notifications.")
	@ApiResponse(responseCode = "200", description = "The notification")
	@ApiResponse(responseCode = "404", description = "No notification with this id was sent by this client")
	NotificationResponse find(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.CLIENT) String client,
			@Parameter(description = "The notification's id, a UUID") @PathVariable String id) {
		UUID uuid = InputRules.notificationId(id)
			.orElseThrow(() -> ApiException.invalid(List
				.of(new InvalidField("id", "must be a notification id as POST " + PATH + " returned it (a UUID)"))));
		return this.outbox.find(client, uuid)
			.map(NotificationResponse::of)
			.orElseThrow(() -> new ApiException(ProblemType.NOT_FOUND,
					"No notification " + uuid + " was sent by this client, or it was forgotten after its retention"));
	}

}
