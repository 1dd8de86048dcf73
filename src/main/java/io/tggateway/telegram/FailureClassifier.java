package io.tggateway.telegram;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

import io.tggateway.telegram.TelegramFailure.ChatMigrated;
import io.tggateway.telegram.TelegramFailure.ChatNotFound;
import io.tggateway.telegram.TelegramFailure.ClientError;
import io.tggateway.telegram.TelegramFailure.Conflict;
import io.tggateway.telegram.TelegramFailure.Forbidden;
import io.tggateway.telegram.TelegramFailure.ForbiddenReason;
import io.tggateway.telegram.TelegramFailure.MessageTooLong;
import io.tggateway.telegram.TelegramFailure.RetryAfter;
import io.tggateway.telegram.TelegramFailure.Transient;
import io.tggateway.telegram.TelegramFailure.Unauthorized;

/**
 * Maps whatever a Bot API call threw (TelegramBots' exceptions, OkHttp's I/O errors, our
 * {@link HttpStatusException}) to a {@link TelegramFailure}, with the token removed from
 * every text.
 */
final class FailureClassifier {

	private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

	private final BotToken token;

	FailureClassifier(BotToken token) {
		this.token = token;
	}

	TelegramCallException classify(String method, Throwable error) {
		return new TelegramCallException(method, failureOf(unwrap(error)));
	}

	private TelegramFailure failureOf(Throwable error) {
		if (error instanceof TelegramApiRequestException request && request.getErrorCode() != null
				&& request.getErrorCode() != 0) {
			return apiError(request.getErrorCode(), text(request.getApiResponse()), request.getParameters());
		}
		if (error instanceof TelegramApiValidationException) {
			return new ClientError(0, "invalid request: " + text(error.getMessage()));
		}
		Throwable cause = ioCause(error);
		if (cause instanceof HttpStatusException status) {
			return httpError(status);
		}
		if (cause instanceof IOException io) {
			return networkError(io);
		}
		if (error instanceof TelegramApiRequestException) {
			return new Transient("unreadable answer: " + describe(error), false);
		}
		return new Transient("unexpected error: " + describe(error), true);
	}

	private TelegramFailure apiError(int code, String description, @Nullable ResponseParameters parameters) {
		if (parameters != null && parameters.getRetryAfter() != null) {
			return new RetryAfter(Duration.ofSeconds(Math.max(1, parameters.getRetryAfter())), description);
		}
		if (parameters != null && parameters.getMigrateToChatId() != null) {
			return new ChatMigrated(parameters.getMigrateToChatId(), description);
		}
		String lower = description.toLowerCase(Locale.ROOT);
		return switch (code) {
			case 429 -> new RetryAfter(DEFAULT_RETRY_AFTER, description);
			case 409 -> new Conflict(description);
			case 401, 404 -> new Unauthorized(code + " " + description);
			case 403 -> new Forbidden(forbiddenReason(lower), description);
			case 400 -> badRequest(lower, description);
			default -> (code >= 500) ? new Transient(code + " " + description, code == 504)
					: new ClientError(code, description);
		};
	}

	private static TelegramFailure badRequest(String lower, String description) {
		if (lower.contains("chat not found")) {
			return new ChatNotFound(description);
		}
		if (lower.contains("message is too long")) {
			return new MessageTooLong(description);
		}
		return new ClientError(400, description);
	}

	private static ForbiddenReason forbiddenReason(String lower) {
		if (lower.contains("blocked")) {
			return ForbiddenReason.BLOCKED;
		}
		if (lower.contains("kicked") || lower.contains("not a member") || lower.contains("removed")) {
			return ForbiddenReason.KICKED;
		}
		if (lower.contains("deactivated")) {
			return ForbiddenReason.DEACTIVATED;
		}
		return ForbiddenReason.OTHER;
	}

	private static TelegramFailure httpError(HttpStatusException error) {
		int status = error.status();
		String description = "HTTP " + status + " (not a Bot API answer)";
		return switch (status) {
			case 429 -> new RetryAfter(retryAfterHeader(error.retryAfter()), description);
			case 409 -> new Conflict(description);
			case 401, 404 -> new Unauthorized(description);
			default ->
				(status >= 500) ? new Transient(description, status == 504) : new ClientError(status, description);
		};
	}

	private static Duration retryAfterHeader(@Nullable String header) {
		if (header != null && header.strip().matches("[0-9]{1,6}")) {
			return Duration.ofSeconds(Math.max(1, Long.parseLong(header.strip())));
		}
		return DEFAULT_RETRY_AFTER;
	}

	private TelegramFailure networkError(IOException error) {
		// Only failures before the request left this process are known not to have taken
		// effect.
		boolean notSent = error instanceof ConnectException || error instanceof UnknownHostException
				|| error instanceof NoRouteToHostException || (error instanceof SocketTimeoutException
						&& String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
		if (error instanceof InterruptedIOException && "Canceled".equalsIgnoreCase(error.getMessage())) {
			return new Transient("call cancelled", true);
		}
		return new Transient(describe(error), !notSent);
	}

	private static @Nullable Throwable ioCause(Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 10; depth++) {
			if (current instanceof IOException) {
				return current;
			}
			current = current.getCause();
		}
		return null;
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof ExecutionException || current instanceof CompletionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	private String describe(Throwable error) {
		String message = error.getMessage();
		String name = error.getClass().getSimpleName();
		return (message != null) ? name + ": " + text(message) : name;
	}

	private String text(@Nullable String text) {
		return (text != null) ? this.token.redact(text) : "";
	}

}
