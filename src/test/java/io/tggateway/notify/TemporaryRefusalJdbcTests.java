package io.tggateway.notify;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.testsupport.TestDatabase;

/**
 * {@link TemporaryRefusalTests} with the {@code jdbc} store, on a fresh schema of the
 * test database.
 */
@ExtendWith(TestDatabase.Available.class)
class TemporaryRefusalJdbcTests extends TemporaryRefusalTests {

	private static final FakeTelegram fake = withoutIdentity();

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
