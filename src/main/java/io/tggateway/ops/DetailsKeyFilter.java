package io.tggateway.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes a caller of the management port that presents {@code gateway.ops.details-key}
 * ({@code Authorization: Bearer <key>}) an authenticated operator, which is what the
 * health endpoint's {@code show-details: when-authorized} asks for. The service has no
 * Spring Security: the request is wrapped with a principal, as a security filter would.
 * Without the key, or with a wrong one, the request goes on unchanged: health then shows
 * statuses and components only, so the probes never depend on it.
 */
final class DetailsKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private static final Principal OPERATOR = () -> "operator";

	private final byte[] keyDigest;

	DetailsKeyFilter(String key) {
		this.keyDigest = digest(key);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& MessageDigest.isEqual(this.keyDigest, digest(authorization.substring(BEARER.length()).strip()))) {
			chain.doFilter(new Operator(request), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Compared as digests, so the comparison takes the same time whatever the length.
	 */
	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	private static final class Operator extends HttpServletRequestWrapper {

		Operator(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable Principal getUserPrincipal() {
			return OPERATOR;
		}

		@Override
		public boolean isUserInRole(String role) {
			return true;
		}

		@Override
		public String getAuthType() {
			return "Bearer";
		}

	}

}
