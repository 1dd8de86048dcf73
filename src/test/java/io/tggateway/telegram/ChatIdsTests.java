package io.tggateway.telegram;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ChatIds} masks chat ids for logs and the ops endpoint.
 */
class ChatIdsTests {

	@Test
	void whenChatIdsAreShownThenOnlyTheirLastFourDigitsAndTheirKindRemain() {
		assertThat(ChatIds.mask(-1001234567890L)).isEqualTo("-100…7890");
		assertThat(ChatIds.mask(-987654321L)).isEqualTo("-…4321");
		assertThat(ChatIds.mask(123456789L)).isEqualTo("…6789");
		assertThat(ChatIds.mask(42L)).isEqualTo("…42");
	}

}
