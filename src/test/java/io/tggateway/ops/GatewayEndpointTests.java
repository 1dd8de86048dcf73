package io.tggateway.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link GatewayEndpoint} masks chat ids.
 */
class GatewayEndpointTests {

	@Test
	void whenChatIdsAreShownThenOnlyTheirLastFourDigitsAndTheirKindRemain() {
		assertThat(GatewayEndpoint.mask(-1001234567890L)).isEqualTo("-100…7890");
		assertThat(GatewayEndpoint.mask(-987654321L)).isEqualTo("-…4321");
		assertThat(GatewayEndpoint.mask(123456789L)).isEqualTo("…6789");
		assertThat(GatewayEndpoint.mask(42L)).isEqualTo("…42");
	}

}
