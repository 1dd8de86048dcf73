package io.tggateway.audience;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Link tokens of the {@code memory} store.
 */
final class MemoryLinkTokens implements LinkTokens {

	private final ConcurrentHashMap<String, Pending> tokens = new ConcurrentHashMap<>();

	@Override
	public void save(String tokenHash, String subject, Instant expiresAt) {
		this.tokens.put(tokenHash, new Pending(subject, expiresAt));
	}

	@Override
	public Optional<String> consume(String tokenHash, Instant now) {
		Pending pending = this.tokens.remove(tokenHash);
		return (pending != null && pending.expiresAt().isAfter(now)) ? Optional.of(pending.subject())
				: Optional.empty();
	}

	@Override
	public int purgeExpired(Instant now) {
		int before = this.tokens.size();
		this.tokens.values().removeIf((pending) -> !pending.expiresAt().isAfter(now));
		return before - this.tokens.size();
	}

	private record Pending(String subject, Instant expiresAt) {
	}

}
