package io.tggateway.notify;

import java.io.IOException;
import java.util.Objects;

import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catch-all of {@link ProblemHandler}: a bug is a 500 problem that shows nothing of
 * the bug to the client and is logged with its stack trace; a client that went away is
 * not an error.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTests {

	private final ProblemHandler handler = new ProblemHandler();

	@Test
	void whenABugSurfacesThenA500ProblemIsAnsweredAndTheStackTraceLogged(CapturedOutput output) {
		ResponseEntity<Object> response = Objects.requireNonNull(this.handler
			.handleUnexpected(new IllegalStateException("secret internals"), request("POST", "/api/v1/notifications")));
		assertThat(response.getStatusCode().value()).isEqualTo(500);
		assertThat(response.getBody()).isInstanceOfSatisfying(ProblemDetail.class, (problem) -> {
			assertThat(problem.getType()).hasToString("urn:tg-gateway:problem:internal-error");
			assertThat(problem.getTitle()).isEqualTo("Internal server error");
			assertThat(problem.getInstance()).hasToString("/api/v1/notifications");
			assertThat(problem.getDetail()).doesNotContain("secret internals");
		});
		assertThat(output.getAll()).contains("ERROR")
			.contains("POST /api/v1/notifications")
			.contains("java.lang.IllegalStateException: secret internals")
			.contains("\tat ");
	}

	@Test
	void whenTheClientWentAwayThenNothingIsAnsweredOrLoggedAsAnError(CapturedOutput output) {
		ResponseEntity<Object> response = this.handler.handleUnexpected(
				new ClientAbortException(new IOException("Broken pipe")), request("GET", "/api/v1/topics"));
		assertThat(response).isNull();
		assertThat(output.getAll()).doesNotContain("ERROR");
	}

	private static ServletWebRequest request(String method, String path) {
		return new ServletWebRequest(new MockHttpServletRequest(method, path));
	}

}
