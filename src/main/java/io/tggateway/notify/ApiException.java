package io.tggateway.notify;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

/**
 * A refusal that the API answers with a problem of a {@link ProblemType}, raised where
 * the refusal is decided and rendered by {@link ProblemHandler}.
 */
final class ApiException extends ErrorResponseException {

	/** The extension member that lists invalid fields. */
	static final String ERRORS = "errors";

	ApiException(ProblemType type, String detail) {
		super(type.status(), type.problem(detail), null);
	}

	/**
	 * A 400 problem naming the invalid fields.
	 * @param errors the invalid fields, at least one
	 * @return the exception
	 */
	static ApiException invalid(List<InvalidField> errors) {
		return invalid(ProblemType.INVALID_REQUEST, errors);
	}

	/**
	 * A problem of a type naming the invalid fields.
	 * @param type the type
	 * @param errors the invalid fields, at least one
	 * @return the exception
	 */
	static ApiException invalid(ProblemType type, List<InvalidField> errors) {
		ApiException exception = new ApiException(type, describe(errors));
		exception.getBody().setProperty(ERRORS, List.copyOf(errors));
		return exception;
	}

	/**
	 * Adds a {@code Retry-After} header.
	 * @param delay how long the client should wait; rounded up to whole seconds, at least
	 * one
	 * @return this exception
	 */
	ApiException retryAfter(Duration delay) {
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(delay)));
		return this;
	}

	static long retryAfterSeconds(Duration delay) {
		long seconds = delay.toSeconds() + ((delay.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	static String describe(List<InvalidField> errors) {
		String fields = errors.stream().map(InvalidField::toString).collect(Collectors.joining("; "));
		return ((errors.size() == 1) ? "Invalid field: " : "Invalid fields: ") + fields;
	}

}
