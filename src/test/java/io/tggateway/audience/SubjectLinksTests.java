package io.tggateway.audience;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subject links, against both stores: several chats per subject, several subjects per
 * chat, unlinking from either side, and moving a chat to a new id.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class SubjectLinksTests {

	private final AudienceStore store;

	private final SubjectLinks links;

	SubjectLinksTests(StoreType storeType) {
		this.store = new AudienceStore(storeType);
		this.links = this.store.subjectLinks();
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void whenAChatIsLinkedTwiceThenTheSecondLinkChangesNothing() {
		assertThat(this.links.link("user-1", 11)).isTrue();
		assertThat(this.links.link("user-1", 11)).isFalse();
		assertThat(this.links.chatsOf("user-1")).containsExactly(11L);
	}

	@Test
	void whenASubjectHasSeveralChatsThenTheyAreListedOldestFirst() {
		this.links.link("user-1", 12);
		this.links.link("user-1", 11);
		this.links.link("user-1", -13);
		assertThat(this.links.chatsOf("user-1")).containsExactly(12L, 11L, -13L);
	}

	@Test
	void whenASubjectIsUnlinkedThenItsChatsKeepTheirOtherSubjects() {
		this.links.link("user-1", 11);
		this.links.link("user-1", 12);
		this.links.link("user-2", 11);
		assertThat(this.links.unlinkSubject("user-1")).isEqualTo(2);
		assertThat(this.links.chatsOf("user-1")).isEmpty();
		assertThat(this.links.chatsOf("user-2")).containsExactly(11L);
		assertThat(this.links.unlinkSubject("user-1")).isZero();
	}

	@Test
	void whenAChatIsUnlinkedThenEverySubjectLosesItAndOnlyIt() {
		this.links.link("user-1", 11);
		this.links.link("user-1", 12);
		this.links.link("user-2", 11);
		assertThat(this.links.unlinkChat(11)).isEqualTo(2);
		assertThat(this.links.chatsOf("user-1")).containsExactly(12L);
		assertThat(this.links.chatsOf("user-2")).isEmpty();
		assertThat(this.links.unlinkChat(11)).isZero();
	}

	@Test
	void whenAChatMovesThenEveryLinkNamesTheNewIdAndTheOldIdIsForgotten() {
		this.links.link("team-a", -100);
		this.links.link("team-b", -100);
		this.links.link("team-b", 7);
		this.links.moveChat(-100, -1_000_000_000_100L);
		assertThat(this.links.chatsOf("team-a")).containsExactly(-1_000_000_000_100L);
		assertThat(this.links.chatsOf("team-b")).containsExactlyInAnyOrder(7L, -1_000_000_000_100L);
		// The old id has no links left to remove; the new one has both.
		assertThat(this.links.unlinkChat(-100)).isZero();
		assertThat(this.links.unlinkChat(-1_000_000_000_100L)).isEqualTo(2);
	}

	@Test
	void whenAChatMovesToAnIdThatIsAlreadyLinkedThenNoLinkIsDoubled() {
		this.links.link("team-a", -100);
		this.links.link("team-a", -200);
		this.links.moveChat(-100, -200);
		assertThat(this.links.chatsOf("team-a")).containsExactly(-200L);
	}

	@Test
	void whenAnUnknownChatMovesThenNothingChanges() {
		this.links.link("team-a", -100);
		this.links.moveChat(-300, -400);
		assertThat(this.links.chatsOf("team-a")).containsExactly(-100L);
		assertThat(this.links.unlinkChat(-400)).isZero();
	}

}
