package io.tggateway.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * An error answer of the Bot API: the HTTP status equals {@code error_code}, as Telegram
 * does.
 */
final class FakeApiError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int code;

	private final transient @Nullable ObjectNode parameters;

	FakeApiError(int code, String description) {
		this(code, description, null);
	}

	FakeApiError(int code, String description, @Nullable ObjectNode parameters) {
		super(description, null, false, false);
		this.code = code;
		this.parameters = parameters;
	}

	static FakeApiError badRequest(String detail) {
		return new FakeApiError(400, "Bad Request: " + detail);
	}

	static FakeApiError forbidden(String detail) {
		return new FakeApiError(403, "Forbidden: " + detail);
	}

	static FakeApiError tooManyRequests(long retryAfterSeconds) {
		ObjectNode parameters = FakeJson.object().put("retry_after", retryAfterSeconds);
		return new FakeApiError(429, "Too Many Requests: retry after " + retryAfterSeconds, parameters);
	}

	int code() {
		return this.code;
	}

	String description() {
		String message = getMessage();
		return (message != null) ? message : "";
	}

	ObjectNode toJson() {
		ObjectNode body = FakeJson.object()
			.put("ok", false)
			.put("error_code", this.code)
			.put("description", description());
		if (this.parameters != null) {
			body.set("parameters", this.parameters);
		}
		return body;
	}

}
