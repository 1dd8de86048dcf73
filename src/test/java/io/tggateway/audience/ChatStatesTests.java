package io.tggateway.audience;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import io.tggateway.store.StoreType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chat states, against both stores: a chat that refused the bot is inactive with the
 * reason until the person writes again, as often as that happens.
 */
@ParameterizedClass(name = "{0} store")
@EnumSource(StoreType.class)
class ChatStatesTests {

	private final AudienceStore store;

	private final ChatStates chats;

	ChatStatesTests(StoreType storeType) {
		this.store = new AudienceStore(storeType);
		this.chats = this.store.chatStates();
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void whenAChatIsNeverMarkedThenItIsActive() {
		assertThat(this.chats.inactiveReason(11)).isEmpty();
		assertThat(this.chats.markActive(11)).isFalse();
		assertThat(this.chats.inactiveReason(11)).isEmpty();
	}

	@Test
	void whenAChatIsMarkedInactiveThenItStaysSoWithTheLatestReasonUntilMarkedActive() {
		this.chats.markInactive(11, "bot was blocked by the user");
		this.chats.markInactive(11, "user is deactivated");
		assertThat(this.chats.inactiveReason(11)).contains("user is deactivated");
		assertThat(this.chats.inactiveReason(12)).isEmpty();
		assertThat(this.chats.markActive(11)).isTrue();
		assertThat(this.chats.inactiveReason(11)).isEmpty();
		assertThat(this.chats.markActive(11)).isFalse();
	}

	@Test
	void whenAnActiveChatRefusesTheBotAgainThenItIsInactiveAgainAndTheNextMessageRestoresIt() {
		this.chats.markInactive(11, "bot was blocked by the user");
		assertThat(this.chats.markActive(11)).isTrue();
		this.chats.markInactive(11, "bot was blocked by the user");
		assertThat(this.chats.inactiveReason(11)).contains("bot was blocked by the user");
		assertThat(this.chats.markActive(11)).isTrue();
		assertThat(this.chats.inactiveReason(11)).isEmpty();
	}

}
