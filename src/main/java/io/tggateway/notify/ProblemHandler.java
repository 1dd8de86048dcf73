package io.tggateway.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Answers every error as an RFC 9457 problem ({@code application/problem+json}) with a
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance}, and
 * for invalid fields an {@code errors} list: the API's own refusals
 * ({@link ApiException}), Spring MVC's exceptions (all 4xx, through
 * {@link ResponseEntityExceptionHandler}), and, as 500, anything else, which is a bug and
 * is logged with its stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemHandler.class);

	private static final URI BLANK_TYPE = URI.create("about:blank");

	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		String target = (request instanceof ServletWebRequest servlet)
				? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : "a request";
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			logger.debug("The client went away during {}", target);
			return null;
		}
		logger.error("Unexpected error while answering {}; this is a bug, please report it with this stack trace",
				target, ex);
		ProblemDetail problem = ProblemType.INTERNAL_ERROR
			.problem("An unexpected error occurred. It was logged with its stack trace; please report it.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, JsonReadProblems.problem(ex), headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new InvalidField(error.getField(),
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid"))
			.toList();
		ProblemDetail problem = errors.isEmpty() ? ProblemType.INVALID_REQUEST.problem("The request is invalid")
				: ApiException.invalid(errors).getBody();
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String given = (ex.getContentType() != null) ? "Content-Type " + ex.getContentType() + " is not supported"
				: "The Content-Type header is missing";
		ex.getBody().setDetail(given + "; send the body as application/json (UTF-8)");
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ex.getBody()
			.setDetail("Nothing is at " + ex.getHttpMethod() + " /" + ex.getResourcePath()
					+ "; the OpenAPI document at /v3/api-docs lists the API");
		return super.handleNoResourceFoundException(ex, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			complete(problem, request);
		}
		return response;
	}

	/**
	 * Gives the problems that Spring MVC made a type of this API and an instance.
	 */
	private static void complete(ProblemDetail problem, WebRequest request) {
		if (problem.getType() == null || BLANK_TYPE.equals(problem.getType())) {
			ProblemType type = ProblemType.forStatus(problem.getStatus()).orElse(null);
			problem.setType((type != null) ? type.type() : BLANK_TYPE);
			if (type != null) {
				problem.setTitle(type.title());
			}
		}
		if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
			try {
				problem.setInstance(new URI(servlet.getRequest().getRequestURI()));
			}
			catch (URISyntaxException ex) {
				// The path is not a valid URI reference; the problem goes without
				// instance.
			}
		}
	}

}
