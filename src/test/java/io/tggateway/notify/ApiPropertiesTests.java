package io.tggateway.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import io.tggateway.TgGatewayApplication;
import io.tggateway.fake.FakeTelegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code gateway.api} settings: defaults, validation with messages that name the
 * setting, keys that never show, and the clients and quotas made from them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiPropertiesTests {

	private static final String KEY = "billing-key-0123456789abcdef";

	@Test
	void whenNothingIsSetThenTheDefaultsApply() {
		ApiProperties properties = bind(Map.of());
		assertThat(properties.keys()).isEmpty();
		assertThat(properties.requestsPerSecond()).isEqualTo(50);
		assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.linkTtl()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void whenKeysAreSetThenTheyBindButNeverShow() {
		ApiProperties properties = bind(Map.of("gateway.api.keys.billing", KEY));
		assertThat(properties.keys()).containsEntry("billing", new ApiKey(KEY));
		assertThat(properties.toString()).doesNotContain(KEY).contains("billing");
		assertThat(new ApiKey(KEY).toString()).doesNotContain(KEY);
	}

	@Test
	void whenAKeyComesFromTheEnvironmentThenItsClientIsTheLowerCaseName() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("GATEWAY_API_KEYS_BILLING", KEY, "GATEWAY_API_REQUESTS_PER_SECOND", "7"));
		Binder binder = new Binder(Objects.requireNonNull(ConfigurationPropertySource.from(environment)));
		ApiProperties properties = binder.bindOrCreate("gateway.api", ApiProperties.class);
		assertThat(properties.keys()).containsOnlyKeys("billing").containsValue(new ApiKey(KEY));
		assertThat(properties.requestsPerSecond()).isEqualTo(7);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			gateway.api.keys.billing       | too-short                      | 16 characters
			gateway.api.keys.billing       | has spaces in the middle of it | 16 characters
			gateway.api.requests-per-second | 0                             | requests-per-second
			gateway.api.max-body-size      | 100B                           | gateway.api.max-body-size
			gateway.api.max-body-size      | 1GB                            | gateway.api.max-body-size
			gateway.api.link-ttl           | 10s                            | link-ttl
			gateway.api.link-ttl           | 31d                            | link-ttl
			""")
	void whenASettingIsInvalidThenBindingFailsNamingIt(String property, String value, String named) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(property, value)))
			.satisfies((ex) -> assertThat(messages(ex)).contains(named).doesNotContain("too-short"));
	}

	@Test
	void whenTwoClientsShareAKeyThenBindingFails() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("gateway.api.keys.billing", KEY, "gateway.api.keys.shop", KEY)))
			.satisfies((ex) -> assertThat(messages(ex)).contains("same key"));
	}

	@Test
	void whenAKeyIsTooShortThenStartupFailsNamingThePropertyWithoutShowingTheKey(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TgGatewayApplication.class);
		assertThatException().isThrownBy(() -> application
			.run("--spring.main.web-application-type=none", "--gateway.telegram.api-url=http://127.0.0.1:9",
					"--gateway.telegram.token=" + FakeTelegram.TOKEN, "--gateway.api.keys.billing=short-secret")
			.close());
		assertThat(output.getAll()).contains("gateway.api.keys")
			.contains("16 characters")
			.doesNotContain("short-secret");
	}

	@Test
	void whenAKeyIsPresentedThenOnlyItsOwnClientMatches() {
		ApiClients clients = new ApiClients(
				Map.of("billing", new ApiKey(KEY), "shop", new ApiKey("shop-key-0123456789abcdef")));
		assertThat(clients.names()).containsExactly("billing", "shop");
		assertThat(clients.authenticate(KEY)).contains("billing");
		assertThat(clients.authenticate("shop-key-0123456789abcdef")).contains("shop");
		assertThat(clients.authenticate(KEY + "x")).isEmpty();
		assertThat(clients.authenticate(KEY.substring(1))).isEmpty();
		assertThat(clients.authenticate(KEY.toUpperCase(Locale.ROOT))).isEmpty();
		assertThat(clients.authenticate("")).isEmpty();
		assertThat(clients.authenticate(null)).isEmpty();
	}

	@Test
	void whenNoKeyIsConfiguredThenEveryKeyIsRefusedAndOneWarningSaysWhatToSet(CapturedOutput output) {
		ApiClients clients = new ApiClients(Map.of());
		assertThat(clients.authenticate(KEY)).isEmpty();
		assertThat(output.getAll()).contains("WARN")
			.contains("refuses every call")
			.contains("gateway.api.keys.<client>");
	}

	@Test
	void whenTheQuotaIsUsedUpThenTheWaitIsWholeSecondsAndOtherClientsAreUnaffected() {
		ClientQuota quota = new ClientQuota(List.of("billing", "shop"), 2);
		assertThat(quota.tryAcquire("billing")).isEmpty();
		assertThat(quota.tryAcquire("billing")).isEmpty();
		assertThat(quota.tryAcquire("billing"))
			.hasValueSatisfying((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThat(quota.tryAcquire("shop")).isEmpty();
		assertThat(ApiException.retryAfterSeconds(Duration.ofMillis(1))).isOne();
		assertThat(ApiException.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo(2);
		assertThat(ApiException.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
	}

	private static ApiProperties bind(Map<String, String> properties) {
		Binder binder = new Binder(new MapConfigurationPropertySource(properties));
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			return binder.bindOrCreate("gateway.api", Bindable.of(ApiProperties.class),
					new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator())));
		}
	}

	private static String messages(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause).append('\n');
		}
		return messages.toString();
	}

}
