package io.tggateway.notify;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Says what is wrong with a request body that could not be read as the expected JSON:
 * which field, and what it should have been. Jackson's own messages name Java types, so
 * they are not passed on, except for the syntax errors of malformed JSON.
 */
final class JsonReadProblems {

	private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(start marker )?at \\[Source: [^\\]]*\\]\\)?");

	private JsonReadProblems() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof PropertyBindingException unknown) {
			return ApiException
				.invalid(List.of(new InvalidField(path(unknown, unknown.getPropertyName()),
						"is not a field of this request; the fields are " + known(unknown.getKnownPropertyIds()))))
				.getBody();
		}
		if (cause instanceof MismatchedInputException mismatch) {
			String path = path(mismatch, null);
			if (path.isEmpty()) {
				return ProblemType.INVALID_REQUEST.problem("The request body must be one JSON object");
			}
			return ApiException
				.invalid(List.of(new InvalidField(path,
						"must be " + expected(mismatch.getTargetType()) + found(mismatch.getCurrentToken()))))
				.getBody();
		}
		if (cause instanceof InputCoercionException coercion && coercion.processor() != null) {
			String field = coercion.processor().streamReadContext().pathAsPointer().toString();
			if (!field.isEmpty()) {
				return ApiException.invalid(List.of(new InvalidField(pointerToPath(field),
						"must be " + expected(coercion.getTargetType()) + ", within its range")))
					.getBody();
			}
		}
		if (cause instanceof StreamReadException duplicate && duplicate.processor() != null
				&& String.valueOf(duplicate.getOriginalMessage()).startsWith("Duplicate")) {
			String field = duplicate.processor().streamReadContext().pathAsPointer().toString();
			if (!field.isEmpty()) {
				return ApiException.invalid(List.of(new InvalidField(pointerToPath(field), "is given twice")))
					.getBody();
			}
		}
		if (cause instanceof StreamReadException malformed) {
			return ProblemType.INVALID_REQUEST.problem("The request body is not valid JSON" + where(malformed) + ": "
					+ SOURCE.matcher(Objects.requireNonNullElse(malformed.getOriginalMessage(), "")).replaceAll(""));
		}
		if (cause instanceof JacksonException other) {
			String path = path(other, null);
			return ProblemType.INVALID_REQUEST.problem("The request body cannot be read"
					+ (path.isEmpty() ? "" : " at " + path) + ": check the types of its fields");
		}
		String message = Objects.requireNonNullElse(ex.getMessage(), "");
		if (message.startsWith("Required request body is missing")) {
			return ProblemType.INVALID_REQUEST.problem("The request body is missing: send a JSON object");
		}
		return ProblemType.INVALID_REQUEST.problem("The request body cannot be read as JSON");
	}

	/**
	 * The path of the field, as {@code buttons[2].url}.
	 */
	private static String path(JacksonException ex, @Nullable String last) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (last != null && !path.toString().endsWith(last)) {
			path.append(path.isEmpty() ? "" : ".").append(last);
		}
		return path.toString();
	}

	/** A JSON pointer such as {@code /buttons/2/url} as {@code buttons[2].url}. */
	private static String pointerToPath(String pointer) {
		StringBuilder path = new StringBuilder();
		for (String step : pointer.substring(1).split("/")) {
			if (step.chars().allMatch(Character::isDigit) && !step.isEmpty()) {
				path.append('[').append(step).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(step.replace("~1", "/").replace("~0", "~"));
			}
		}
		return path.toString();
	}

	private static String known(@Nullable Collection<Object> ids) {
		if (ids == null || ids.isEmpty()) {
			return "listed in the OpenAPI document";
		}
		return ids.stream().map(String::valueOf).sorted().toList().toString();
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == Long.class || type == long.class) {
			return "an integer (a Telegram chat id)";
		}
		if (type == Integer.class || type == int.class) {
			return "an integer";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord()) {
			return "an object";
		}
		return "of another type";
	}

	private static String found(@Nullable JsonToken token) {
		if (token == null) {
			return "";
		}
		return switch (token) {
			case VALUE_STRING -> ", not a string";
			case VALUE_NUMBER_INT -> ", not an integer";
			case VALUE_NUMBER_FLOAT -> ", not a decimal number";
			case VALUE_TRUE, VALUE_FALSE -> ", not a boolean";
			case START_OBJECT -> ", not an object";
			case START_ARRAY -> ", not an array";
			case VALUE_NULL -> ", not null";
			default -> "";
		};
	}

	private static String where(StreamReadException ex) {
		TokenStreamLocation location = ex.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

}
