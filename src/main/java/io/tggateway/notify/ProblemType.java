package io.tggateway.notify;

import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The kinds of problem the API answers with: each has a {@code type} URI, an HTTP status
 * and a title, the same in every answer and in the OpenAPI document.
 */
enum ProblemType {

	/**
	 * The request is malformed or a field is invalid; {@code errors} names the fields.
	 */
	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),

	/** No API key, or one that belongs to no client. */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),

	/** Nothing at this path, or a notification that is unknown to this client. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** The path exists, the method does not. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** The answer cannot be given in a media type the client accepts. */
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	/** The idempotency key was used before for a different request. */
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT, "Idempotency key reused"),

	/** The request body is larger than {@code gateway.api.max-body-size}. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	/** The request body is not JSON in UTF-8. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/** No topic of that name is declared. */
	UNKNOWN_TOPIC("unknown-topic", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown topic"),

	/** No chat is linked to the subject. */
	NO_LINKED_CHAT("no-linked-chat", HttpStatus.UNPROCESSABLE_CONTENT, "No linked chat"),

	/** The client's request quota is used up for now. */
	QUOTA_EXCEEDED("quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** A bug: the service logged it with its stack trace. */
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error"),

	/** The outbox is full; new notifications are refused until it empties. */
	OUTBOX_FULL("outbox-full", HttpStatus.SERVICE_UNAVAILABLE, "Outbox full"),

	/** The bot's identity is not known yet (Telegram has not answered). */
	BOT_NOT_READY("bot-not-ready", HttpStatus.SERVICE_UNAVAILABLE, "Bot not ready");

	/** Where every type URI starts. */
	static final String TYPE_PREFIX = "urn:tg-gateway:problem:";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String name, HttpStatus status, String title) {
		this.type = URI.create(TYPE_PREFIX + name);
		this.status = status;
		this.title = title;
	}

	URI type() {
		return this.type;
	}

	HttpStatus status() {
		return this.status;
	}

	String title() {
		return this.title;
	}

	/**
	 * A problem of this type.
	 * @param detail what went wrong and what to change
	 * @return the problem
	 */
	ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(this.type);
		problem.setTitle(this.title);
		return problem;
	}

	/**
	 * The type of the answers with a status, for the problems Spring MVC makes itself.
	 * @param status the status
	 * @return the type, or empty if no type has that status alone
	 */
	static Optional<ProblemType> forStatus(int status) {
		return Optional.ofNullable(switch (status) {
			case 400 -> INVALID_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> QUOTA_EXCEEDED;
			case 500 -> INTERNAL_ERROR;
			default -> null;
		});
	}

}
