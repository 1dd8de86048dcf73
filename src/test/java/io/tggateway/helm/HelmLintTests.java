package io.tggateway.helm;

import java.nio.file.Path;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm lint --strict}: with the defaults plus a token, and with every optional
 * part on.
 */
class HelmLintTests {

	@TempDir
	Path scratch;

	@Test
	void whenDefaultsWithTokenThenStrictLintPasses() {
		assertPasses(new HelmChart(this.scratch).lint(HelmChart.withToken()));
	}

	@Test
	void whenEverythingEnabledThenStrictLintPasses() {
		assertPasses(new HelmChart(this.scratch).lint(HelmChart.withToken("replicaCount", 3, "store",
				Map.of("type", "jdbc", "jdbc",
						Map.of("url", "jdbc:postgresql://postgres:5432/gateway", "username", "gateway", "password",
								"database-password", "port", 5432)),
				"apiKeys.billing", "0123456789abcdef0123", "topics.news", "Company news",
				"metrics.serviceMonitor.enabled", true, "metrics.prometheusRule.enabled", true, "dashboard.enabled",
				true, "networkPolicy.enabled", true, "ingress.enabled", true)));
	}

	private static void assertPasses(LintResult result) {
		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[WARNING]"))
			.noneMatch((message) -> message.contains("[ERROR]"));
	}

}
