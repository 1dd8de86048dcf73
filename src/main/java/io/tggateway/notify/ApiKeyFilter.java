package io.tggateway.notify;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request to {@code /api/**} through only with the API key of a client
 * ({@code Authorization: Bearer <key>}) and within that client's quota. The client's name
 * goes on to the controllers and to the request's observation as the request attribute
 * {@link #CLIENT}. Refusals are answered here, as problems: 401 with
 * {@code WWW-Authenticate}, 429 with {@code Retry-After}. Keys are never logged.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	/** The request attribute that holds the authenticated client's name. */
	static final String CLIENT = "io.tggateway.notify.client";

	/** The challenge of a 401 answer. */
	static final String CHALLENGE = "Bearer realm=\"tg-gateway\"";

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyFilter.class);

	private static final String BEARER = "bearer ";

	private final ApiClients clients;

	private final ClientQuota quota;

	private final JsonMapper jsonMapper;

	ApiKeyFilter(ApiClients clients, ClientQuota quota, JsonMapper jsonMapper) {
		this.clients = clients;
		this.quota = quota;
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		Optional<String> client = this.clients.authenticate(presented);
		if (client.isEmpty()) {
			logger.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(),
					(presented != null) ? "unknown API key" : "no API key");
			String challenge = (presented != null) ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE;
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
			write(request, response, ProblemType.UNAUTHORIZED,
					(presented != null)
							? "The API key is not valid. Send the key of your service as Authorization: Bearer <key>."
							: "An API key is required. Send the key of your service as Authorization: Bearer <key>.");
			return;
		}
		// Set before the quota check: refused requests are observed with their client
		// too.
		request.setAttribute(CLIENT, client.get());
		Optional<Duration> wait = this.quota.tryAcquire(client.get());
		if (wait.isPresent()) {
			long seconds = ApiException.retryAfterSeconds(wait.get());
			logger.debug("Client {} is over its request quota", client.get());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			write(request, response, ProblemType.QUOTA_EXCEEDED,
					"Client " + client.get()
							+ " made more requests than gateway.api.requests-per-second allows. Retry after " + seconds
							+ " seconds.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The token of an {@code Authorization: Bearer} header (the scheme in any case).
	 */
	private static @Nullable String bearerToken(@Nullable String authorization) {
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.isEmpty() ? null : token;
	}

	private void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.type().toString());
		body.put("title", type.title());
		body.put("status", type.status().value());
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.jsonMapper.writeValue(response.getOutputStream(), body);
	}

}
