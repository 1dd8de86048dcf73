package io.tggateway.audience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-time invitations: a token links one chat once, before it expires, and only its hash
 * is ever stored.
 */
class LinkInvitationsTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final RecordingLinkTokens tokens = new RecordingLinkTokens();

	private final AudienceRepositories audience = AudienceRepositories.memory();

	private final LinkInvitations invitations = new LinkInvitations(this.tokens, this.audience.links(),
			this.audience.chats(), new SettableClock(this.now));

	@Test
	void whenATokenIsRedeemedThenTheChatIsLinkedAndTheTokenIsUsedUp() {
		LinkInvitations.Invitation invitation = this.invitations.issue("user-42", Duration.ofHours(24));
		assertThat(invitation.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
		assertThat(this.invitations.redeem(invitation.token(), 101)).contains("user-42");
		assertThat(this.audience.links().chatsOf("user-42")).containsExactly(101L);
		assertThat(this.invitations.redeem(invitation.token(), 102)).isEmpty();
		assertThat(this.audience.links().chatsOf("user-42")).containsExactly(101L);
	}

	@Test
	void whenATokenHasExpiredThenItLinksNothing() {
		LinkInvitations.Invitation invitation = this.invitations.issue("user-43", Duration.ofMinutes(10));
		this.now.set(START.plus(Duration.ofMinutes(10)));
		assertThat(this.invitations.redeem(invitation.token(), 103)).isEmpty();
		assertThat(this.audience.links().chatsOf("user-43")).isEmpty();
	}

	@Test
	void whenATokenIsIssuedThenTheStoreSeesOnlyItsHash() {
		LinkInvitations.Invitation invitation = this.invitations.issue("user-44", Duration.ofHours(1));
		assertThat(invitation.token()).matches("[A-Za-z0-9_-]{32}");
		assertThat(this.tokens.saved).singleElement().satisfies((hash) -> {
			assertThat(hash).doesNotContain(invitation.token()).matches("[0-9a-f]{64}");
			assertThat(hash).isEqualTo(LinkInvitations.hash(invitation.token()));
		});
		this.invitations.redeem(invitation.token(), 104);
		assertThat(this.tokens.consumed).containsExactly(LinkInvitations.hash(invitation.token()));
	}

	@Test
	void whenAnUnknownTokenIsRedeemedThenNothingIsLinked() {
		assertThat(this.invitations.redeem("not-a-token", 105)).isEmpty();
		assertThat(this.audience.links().chatsOf("user-42")).isEmpty();
	}

	@Test
	void whenTokensAreIssuedThenEachIsDifferent() {
		List<String> issued = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			issued.add(this.invitations.issue("user-45", Duration.ofHours(1)).token());
		}
		assertThat(issued).doesNotHaveDuplicates();
	}

	@Test
	void whenAnInactiveChatRedeemsATokenThenItIsActiveAgain() {
		this.audience.chats().markInactive(106, "bot was blocked by the user");
		LinkInvitations.Invitation invitation = this.invitations.issue("user-46", Duration.ofHours(1));
		this.invitations.redeem(invitation.token(), 106);
		assertThat(this.audience.chats().inactiveReason(106)).isEmpty();
	}

	@Test
	void whenAMinutePassesThenExpiredTokensArePurgedOnTheNextIssue() {
		LinkInvitations.Invitation expired = this.invitations.issue("user-47", Duration.ofSeconds(30));
		this.now.set(START.plus(Duration.ofMinutes(1)));
		this.invitations.issue("user-48", Duration.ofHours(1));
		assertThat(this.tokens.purges).isOne();
		assertThat(this.tokens.delegate.consume(LinkInvitations.hash(expired.token()), START)).isEmpty();
	}

	/**
	 * The memory store, recording every hash it is given.
	 */
	private static final class RecordingLinkTokens implements LinkTokens {

		private final MemoryLinkTokens delegate = new MemoryLinkTokens();

		private final List<String> saved = new ArrayList<>();

		private final List<String> consumed = new ArrayList<>();

		private int purges;

		@Override
		public void save(String tokenHash, String subject, Instant expiresAt) {
			this.saved.add(tokenHash);
			this.delegate.save(tokenHash, subject, expiresAt);
		}

		@Override
		public Optional<String> consume(String tokenHash, Instant now) {
			this.consumed.add(tokenHash);
			return this.delegate.consume(tokenHash, now);
		}

		@Override
		public int purgeExpired(Instant now) {
			this.purges++;
			return this.delegate.purgeExpired(now);
		}

	}

	/**
	 * A clock that shows what the test sets.
	 */
	private static final class SettableClock extends Clock {

		private final AtomicReference<Instant> now;

		SettableClock(AtomicReference<Instant> now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("A test clock has no other zone");
		}

	}

}
