package io.tggateway.audience;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One-time invitations that link a chat to a subject: the REST API issues a token for a
 * subject, the person opens {@code t.me/<bot>?start=<token>}, and {@code /start <token>}
 * redeems it. Tokens are random, single-use, expire, and are stored only as SHA-256
 * hashes.
 */
public final class LinkInvitations {

	private static final int TOKEN_BYTES = 24;

	private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

	private final LinkTokens tokens;

	private final SubjectLinks links;

	private final ChatStates chats;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final AtomicReference<Instant> lastPurge;

	public LinkInvitations(LinkTokens tokens, SubjectLinks links, ChatStates chats, Clock clock) {
		this.tokens = tokens;
		this.links = links;
		this.chats = chats;
		this.clock = clock;
		this.lastPurge = new AtomicReference<>(clock.instant());
	}

	/**
	 * Issues a token for a subject.
	 * @param subject the subject
	 * @param ttl how long the token works
	 * @return the token (to put in the deep link) and when it expires
	 */
	public Invitation issue(String subject, Duration ttl) {
		Instant now = this.clock.instant();
		purgeNowAndThen(now);
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expiresAt = now.plus(ttl);
		this.tokens.save(hash(token), subject, expiresAt);
		return new Invitation(token, expiresAt);
	}

	/**
	 * Redeems a token: links the chat to the token's subject and uses the token up.
	 * @param token the token from the deep link
	 * @param chatId the chat that opened the link
	 * @return the subject, or empty if the token is unknown, used or expired
	 */
	public Optional<String> redeem(String token, long chatId) {
		Optional<String> subject = this.tokens.consume(hash(token), this.clock.instant());
		subject.ifPresent((linked) -> {
			this.links.link(linked, chatId);
			this.chats.markActive(chatId);
		});
		return subject;
	}

	private void purgeNowAndThen(Instant now) {
		Instant last = this.lastPurge.get();
		if (Duration.between(last, now).compareTo(PURGE_EVERY) >= 0 && this.lastPurge.compareAndSet(last, now)) {
			this.tokens.purgeExpired(now);
		}
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * An issued token.
	 *
	 * @param token the token, to put into the deep link; it is not stored anywhere
	 * @param expiresAt when it stops working
	 */
	public record Invitation(String token, Instant expiresAt) {
	}

}
