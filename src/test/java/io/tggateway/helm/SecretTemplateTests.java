package io.tggateway.helm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the chart puts the bot token, the API keys and the database password (a Secret,
 * read with {@code secretKeyRef}), and where it puts the other settings (a ConfigMap).
 */
class SecretTemplateTests {

	private static final String BILLING_KEY = "billing-key-0123456789abcdef";

	private static final String CRM_KEY = "crm-key-0123456789abcdefghij";

	private static final String DB_PASSWORD = "database-password-42";

	private static final String OPS_KEY = "ops-details-key-0123456789";

	private static final List<String> SECRET_VARIABLES = List.of("GATEWAY_TELEGRAM_TOKEN", "GATEWAY_API_KEYS_BILLING",
			"GATEWAY_API_KEYS_CRM", "GATEWAY_OPS_DETAILS_KEY", "SPRING_DATASOURCE_PASSWORD");

	@TempDir
	Path scratch;

	@Test
	void whenSecretsGivenThenOnlyTheSecretHoldsThem() {
		Manifests manifests = new HelmChart(this.scratch).render(withSecrets());
		Manifest secret = manifests.get("Secret", HelmChart.FULLNAME);
		Map<String, Object> data = secret.map("data");
		assertThat(data).containsOnlyKeys(SECRET_VARIABLES);
		assertThat(decode(data, "GATEWAY_TELEGRAM_TOKEN")).isEqualTo(HelmChart.TOKEN);
		assertThat(decode(data, "GATEWAY_API_KEYS_BILLING")).isEqualTo(BILLING_KEY);
		assertThat(decode(data, "GATEWAY_API_KEYS_CRM")).isEqualTo(CRM_KEY);
		assertThat(decode(data, "SPRING_DATASOURCE_PASSWORD")).isEqualTo(DB_PASSWORD);
		assertThat(decode(data, "GATEWAY_OPS_DETAILS_KEY")).isEqualTo(OPS_KEY);
		for (Manifest manifest : manifests.all()) {
			if (!"Secret".equals(manifest.kind())) {
				String text = HelmChart.yaml().dump(manifest.content());
				for (String secretValue : List.of(HelmChart.TOKEN, BILLING_KEY, CRM_KEY, DB_PASSWORD, OPS_KEY)) {
					assertThat(text).as(manifest.kind() + " " + manifest.name())
						.doesNotContain(secretValue)
						.doesNotContain(encode(secretValue));
				}
			}
		}
		assertThat(manifests.get("ConfigMap", HelmChart.FULLNAME).map("data"))
			.doesNotContainKeys(SECRET_VARIABLES.toArray(String[]::new));
		Map<String, Manifest> env = manifests.env();
		for (String variable : SECRET_VARIABLES) {
			assertThat(env.get(variable)).as(variable).satisfies((entry) -> {
				assertThat(entry.find("value")).isNull();
				assertThat(entry.string("valueFrom.secretKeyRef.name")).isEqualTo(HelmChart.FULLNAME);
				assertThat(entry.string("valueFrom.secretKeyRef.key")).isEqualTo(variable);
			});
		}
		assertThat(manifests.deployment().map("spec.template.metadata.annotations")).containsKey("checksum/secret");
	}

	@Test
	void whenExistingSecretThenChartRendersNoSecretAndReadsThatOne() {
		Manifests manifests = new HelmChart(this.scratch).render(HelmChart.values("existingSecret", "gateway-secrets"));
		assertThat(manifests.ofKind("Secret")).isEmpty();
		Map<String, Manifest> env = manifests.env();
		assertThat(env.get("GATEWAY_TELEGRAM_TOKEN")).satisfies((entry) -> {
			assertThat(entry.string("valueFrom.secretKeyRef.name")).isEqualTo("gateway-secrets");
			assertThat(entry.string("valueFrom.secretKeyRef.key")).isEqualTo("GATEWAY_TELEGRAM_TOKEN");
		});
		assertThat(manifests.container().objects("envFrom"))
			.anySatisfy((source) -> assertThat(source.string("secretRef.name")).isEqualTo("gateway-secrets"));
		assertThat(manifests.deployment().map("spec.template.metadata.annotations"))
			.doesNotContainKey("checksum/secret");
	}

	@Test
	void whenSettingsGivenThenTheConfigMapCarriesThemAndTheContainerReadsIt() {
		Manifests manifests = new HelmChart(this.scratch).render(withSecrets());
		Manifest configMap = manifests.get("ConfigMap", HelmChart.FULLNAME);
		assertThat(configMap.map("data")).containsAllEntriesOf(Map.of("GATEWAY_STORE_TYPE", "jdbc",
				"SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/gateway", "SPRING_DATASOURCE_USERNAME",
				"gateway", "GATEWAY_TELEGRAM_API_URL", "https://api.telegram.org", "GATEWAY_TOPICS_NEWS_DESCRIPTION",
				"Company news, weekly", "GATEWAY_DISPATCH_MAX_RUNNING_HANDLERS", "512"));
		assertThat(manifests.container().objects("envFrom"))
			.anySatisfy((source) -> assertThat(source.string("configMapRef.name")).isEqualTo(HelmChart.FULLNAME));
		assertThat(manifests.deployment().map("spec.template.metadata.annotations")).containsKey("checksum/config");
	}

	@Test
	void whenLogFormatGivenThenTheConfigMapSwitchesStructuredLogsOn() {
		assertThat(new HelmChart(this.scratch).render(HelmChart.withToken("logFormat", "ecs"))
			.get("ConfigMap", HelmChart.FULLNAME)
			.map("data")).containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
		assertThat(new HelmChart(this.scratch).render(HelmChart.withToken())
			.get("ConfigMap", HelmChart.FULLNAME)
			.map("data")).doesNotContainKey("LOGGING_STRUCTURED_FORMAT_CONSOLE");
	}

	@Test
	void whenMemoryStoreThenNoDatabaseSettings() {
		Manifests manifests = new HelmChart(this.scratch).render(HelmChart.withToken());
		assertThat(manifests.get("ConfigMap", HelmChart.FULLNAME).map("data"))
			.containsEntry("GATEWAY_STORE_TYPE", "memory")
			.doesNotContainKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME");
		assertThat(manifests.get("Secret", HelmChart.FULLNAME).map("data")).containsOnlyKeys("GATEWAY_TELEGRAM_TOKEN");
		assertThat(manifests.env()).doesNotContainKeys("SPRING_DATASOURCE_PASSWORD", "GATEWAY_OPS_DETAILS_KEY");
	}

	private static Map<String, Object> withSecrets() {
		return HelmChart.withToken("apiKeys", Map.of("billing", BILLING_KEY, "crm", CRM_KEY), "store",
				Map.of("type", "jdbc", "jdbc",
						Map.of("url", "jdbc:postgresql://postgres:5432/gateway", "username", "gateway", "password",
								DB_PASSWORD, "port", 5432)),
				"topics.news", "Company news, weekly", "env.GATEWAY_DISPATCH_MAX_RUNNING_HANDLERS", 512,
				"opsDetailsKey", OPS_KEY);
	}

	private static String decode(Map<String, Object> data, String key) {
		return new String(Base64.getDecoder().decode(String.valueOf(data.get(key))), StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

}
