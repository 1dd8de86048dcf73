package io.tggateway.audience;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Link tokens of the {@code jdbc} store (table {@code link_token}): hashes only.
 * Consuming a token is one {@code delete ... returning}, so two replicas can never both
 * use it.
 */
final class JdbcLinkTokens implements LinkTokens {

	private final JdbcClient jdbc;

	JdbcLinkTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void save(String tokenHash, String subject, Instant expiresAt) {
		this.jdbc.sql("insert into link_token (token_hash, subject, expires_at) values (?, ?, ?)")
			.params(tokenHash, subject, Timestamp.from(expiresAt))
			.update();
	}

	@Override
	public Optional<String> consume(String tokenHash, Instant now) {
		return this.jdbc.sql("delete from link_token where token_hash = ? and expires_at > ? returning subject")
			.params(tokenHash, Timestamp.from(now))
			.query(String.class)
			.optional();
	}

	@Override
	public int purgeExpired(Instant now) {
		return this.jdbc.sql("delete from link_token where expires_at <= ?").params(Timestamp.from(now)).update();
	}

}
