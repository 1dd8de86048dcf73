package io.tggateway.notify;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last resort for errors that never reach Spring: a request line Tomcat cannot
 * parse (bad percent-encoding, a path that is not UTF-8, an encoded {@code /} or NUL) is
 * refused by the connector before any filter or controller runs. Tomcat's own valve
 * answers those with an HTML page; this one answers with the same RFC 9457 problem as
 * every other refusal of the API, without echoing the request.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		// As Tomcat's valve: only errors, only if nothing was written, and only once.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(problem(status)));
			}
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was taken over: nothing left to tell.
		}
	}

	private static Map<String, Object> problem(int status) {
		Map<String, Object> body = new LinkedHashMap<>();
		ProblemType type = ProblemType.forStatus(status).orElse(null);
		body.put("type", (type != null) ? type.type().toString() : "about:blank");
		body.put("title", (type != null) ? type.title() : reason(status));
		body.put("status", status);
		body.put("detail",
				(status == HttpStatus.BAD_REQUEST.value())
						? "The request is not valid HTTP and was refused before it reached the API: for example a path "
								+ "that is not percent-encoded UTF-8 (%XX), or one with an encoded '/', '\\' or NUL"
						: "The request was refused before it reached the API");
		return body;
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
