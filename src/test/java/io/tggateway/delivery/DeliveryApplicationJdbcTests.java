package io.tggateway.delivery;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.testsupport.TestDatabase;

/**
 * {@link DeliveryApplicationTests} with the {@code jdbc} store, on a fresh schema of the
 * test database.
 */
@ExtendWith(TestDatabase.Available.class)
class DeliveryApplicationJdbcTests extends DeliveryApplicationTests {

	private static final FakeTelegram fake = FakeTelegram.start();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabase.register(registry);
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
