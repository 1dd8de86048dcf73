package io.tggateway.delivery;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.FakeTelegram;

/**
 * {@link DeliveryApplicationTests} with the {@code memory} store.
 */
class DeliveryApplicationMemoryTests extends DeliveryApplicationTests {

	private static final FakeTelegram fake = FakeTelegram.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("gateway.telegram.token", () -> FakeTelegram.TOKEN);
		registry.add("gateway.telegram.api-url", fake::baseUrl);
	}

	@AfterAll
	static void closeFake() {
		fake.close();
	}

	@Override
	FakeTelegram fake() {
		return fake;
	}

}
