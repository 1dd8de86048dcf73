package io.tggateway.audience;

import java.time.Instant;
import java.util.Optional;

/**
 * The repository of one-time link tokens. Only a hash of each token is stored, so the
 * stored data cannot be used to link a chat.
 */
public interface LinkTokens {

	/**
	 * Stores a new token.
	 * @param tokenHash the token's hash
	 * @param subject the subject the token links to
	 * @param expiresAt when the token stops working
	 */
	void save(String tokenHash, String subject, Instant expiresAt);

	/**
	 * Uses a token up: it works once, before it expires.
	 * @param tokenHash the token's hash
	 * @param now the current time
	 * @return the subject, or empty if the token is unknown, used or expired
	 */
	Optional<String> consume(String tokenHash, Instant now);

	/**
	 * Removes expired tokens.
	 * @param now the current time
	 * @return how many were removed
	 */
	int purgeExpired(Instant now);

}
