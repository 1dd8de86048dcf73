package io.tggateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calling services and their API keys: tells which client a presented key belongs to.
 * Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every
 * client every time, so neither the length of a key nor which client it is close to shows
 * in the time an answer takes. Only the digests are kept.
 */
final class ApiClients {

	private static final Logger logger = LoggerFactory.getLogger(ApiClients.class);

	private final List<Client> clients;

	ApiClients(Map<String, ApiKey> keys) {
		this.clients = keys.entrySet()
			.stream()
			.map((entry) -> new Client(entry.getKey(), digest(entry.getValue().value())))
			.sorted(Comparator.comparing(Client::name))
			.toList();
		if (this.clients.isEmpty()) {
			logger.warn("No API key is configured: the REST API refuses every call until "
					+ "gateway.api.keys.<client> (environment variable GATEWAY_API_KEYS_<CLIENT>) is set");
		}
		else {
			logger.info("REST API clients: {}", names());
		}
	}

	/**
	 * The client a key belongs to.
	 * @param presented the key from the request, or {@code null} if there was none
	 * @return the client's name, or empty if the key belongs to no client
	 */
	Optional<String> authenticate(@Nullable String presented) {
		if (presented == null) {
			return Optional.empty();
		}
		byte[] digest = digest(presented);
		String match = null;
		for (Client client : this.clients) {
			// No early exit: every client is compared, whichever matches.
			if (MessageDigest.isEqual(client.digest(), digest)) {
				match = client.name();
			}
		}
		return Optional.ofNullable(match);
	}

	/**
	 * The names of the clients.
	 * @return the names, sorted
	 */
	List<String> names() {
		return this.clients.stream().map(Client::name).toList();
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * A client and the SHA-256 digest of its key.
	 */
	private static final class Client {

		private final String name;

		private final byte[] digest;

		Client(String name, byte[] digest) {
			this.name = name;
			this.digest = digest;
		}

		String name() {
			return this.name;
		}

		byte[] digest() {
			return this.digest;
		}

	}

}
