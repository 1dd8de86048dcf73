package io.tggateway.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The HTTP edge of the fake: routes {@code /bot<token>/<method>} to the Bot API (token
 * check, faults, latency) and {@code /fake/...} to the control API, and writes the
 * answers.
 *
 * <p>
 * A connection is dropped without any answer by throwing {@link ConnectionDropped} out of
 * {@link #handle}: the JDK server then closes the socket (and forgets it) without writing
 * a byte, so the client sees an end of stream where it expected a status line.
 */
final class FakeHttpHandler implements HttpHandler {

	/**
	 * How long a {@link Fault#HANG} holds a request at most (the fake's close ends it
	 * sooner).
	 */
	static final Duration HANG_DEADLINE = Duration.ofMinutes(2);

	/** What nginx in front of an unreachable upstream answers. */
	private static final String BAD_GATEWAY_PAGE = """
			<html>
			<head><title>502 Bad Gateway</title></head>
			<body>
			<center><h1>502 Bad Gateway</h1></center>
			<hr><center>nginx</center>
			</body>
			</html>
			""";

	private final FakeBotSettings settings;

	private final FakeBotApi api;

	private final FakeFaults faults;

	private final FakeSender sender;

	private final FakeControlApi control;

	private final FakeLifecycle lifecycle;

	FakeHttpHandler(FakeBotSettings settings, FakeBotApi api, FakeFaults faults, FakeSender sender,
			FakeControlApi control, FakeLifecycle lifecycle) {
		this.settings = settings;
		this.api = api;
		this.faults = faults;
		this.sender = sender;
		this.control = control;
		this.lifecycle = lifecycle;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		long receivedAtNanos = System.nanoTime();
		Instant receivedAt = Instant.now();
		this.lifecycle.enter();
		try {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/bot")) {
				botApi(exchange, path, body, receivedAtNanos, receivedAt);
			}
			else if (path.startsWith("/fake/")) {
				Reply reply = this.control.handle(exchange.getRequestMethod(), path, exchange.getRequestURI(),
						exchange.getRequestHeaders().getFirst("Content-Type"), body);
				write(exchange, reply);
			}
			else {
				write(exchange, Reply.error(new FakeApiError(404, "Not Found")));
			}
		}
		finally {
			this.lifecycle.exit();
		}
	}

	private void botApi(HttpExchange exchange, String path, byte[] body, long receivedAtNanos, Instant receivedAt)
			throws IOException {
		int slash = path.lastIndexOf('/');
		String token = (slash > 4) ? path.substring(4, slash) : "";
		String method = path.substring(slash + 1).toLowerCase(Locale.ROOT);
		if (!this.settings.isValid(token)) {
			write(exchange, Reply.error(new FakeApiError(401, "Unauthorized")));
			return;
		}
		this.faults.countCall(method);
		Function<FakeCall, JsonNode> implementation = this.api.method(method);
		if (implementation == null) {
			write(exchange, Reply.error(new FakeApiError(404, "Not Found")));
			return;
		}
		Fault fault = this.faults.nextFault(method);
		if ("sendmessage".equals(method)) {
			this.sender.countAttempt();
		}
		if (fault != null && fault != Fault.RESPONSE_LOST) {
			serveFault(exchange, fault);
			return;
		}
		Reply reply;
		try {
			FakeParams params = FakeParams.parse(exchange.getRequestURI().getRawQuery(),
					exchange.getRequestHeaders().getFirst("Content-Type"), body);
			reply = Reply.ok(implementation.apply(new FakeCall(token, params, receivedAtNanos, receivedAt)));
		}
		catch (FakeApiError ex) {
			reply = Reply.error(ex);
		}
		catch (RuntimeException ex) {
			// A bug of the fake: say so instead of dropping the connection.
			reply = Reply.error(new FakeApiError(500, "Internal Server Error (bug in the fake: " + ex + ")"));
		}
		delay();
		if (fault == Fault.RESPONSE_LOST) {
			throw new ConnectionDropped();
		}
		write(exchange, reply);
	}

	private void serveFault(HttpExchange exchange, Fault fault) throws IOException {
		delay();
		switch (fault) {
			case SERVER_ERROR_JSON -> write(exchange, Reply.error(new FakeApiError(500, "Internal Server Error")));
			case BAD_GATEWAY_HTML -> write(exchange, new Reply(502, "text/html", BAD_GATEWAY_PAGE));
			case TOO_MANY_REQUESTS -> write(exchange, Reply.error(FakeApiError.tooManyRequests(1)));
			case HANG -> {
				this.lifecycle.awaitClosing(HANG_DEADLINE);
				throw new ConnectionDropped();
			}
			case DROP_CONNECTION, RESPONSE_LOST -> throw new ConnectionDropped();
		}
	}

	/**
	 * Waits out the configured latency; ends early when the fake closes.
	 */
	private void delay() {
		Duration latency = this.faults.latency();
		if (!latency.isZero()) {
			this.lifecycle.awaitClosing(latency);
		}
	}

	private void write(HttpExchange exchange, Reply reply) throws IOException {
		if (reply.status() == 429) {
			this.faults.countTooManyRequests();
		}
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", reply.contentType());
		exchange.sendResponseHeaders(reply.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
		exchange.close();
	}

	/**
	 * An HTTP answer: status, content type and body.
	 *
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header
	 * @param body the body
	 */
	record Reply(int status, String contentType, String body) {

		static Reply ok(JsonNode result) {
			return json(200, FakeJson.ok(result));
		}

		static Reply error(FakeApiError error) {
			return json(error.code(), error.toJson());
		}

		static Reply json(int status, JsonNode body) {
			return new Reply(status, "application/json", body.toString());
		}

	}

	/**
	 * Thrown out of the handler to make the JDK server close the connection unanswered.
	 */
	static final class ConnectionDropped extends IOException {

		private static final long serialVersionUID = 1L;

		ConnectionDropped() {
			super("connection dropped on purpose by the fake", null);
		}

	}

}
