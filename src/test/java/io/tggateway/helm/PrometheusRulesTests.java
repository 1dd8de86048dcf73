package io.tggateway.helm;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code files/prometheus-rules.yaml} is a plain Prometheus rule file (usable without the
 * Prometheus Operator) with the alerts operators rely on, each saying how bad it is and
 * what to check.
 */
class PrometheusRulesTests {

	static final Path RULES = HelmChart.DIRECTORY.resolve("files/prometheus-rules.yaml");

	private static final Set<String> RULE_KEYS = Set.of("alert", "expr", "for", "keep_firing_for", "labels",
			"annotations");

	@Test
	void whenRuleFileLoadedThenItIsAPlainPrometheusRuleFile() {
		Manifest file = new Manifest(ruleFile());
		assertThat(file.content()).containsOnlyKeys("groups");
		assertThat(file.objects("groups")).isNotEmpty().allSatisfy((group) -> {
			assertThat(group.content()).containsKeys("name", "rules");
			assertThat(group.objects("rules")).isNotEmpty()
				.allSatisfy((rule) -> assertThat(RULE_KEYS).containsAll(rule.content().keySet()));
		});
	}

	@Test
	void whenRuleFileLoadedThenItHasTheExpectedAlerts() {
		assertThat(alerts()).extracting((rule) -> rule.string("alert"))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrder("TgGatewayPollerNotPolling", "TgGatewayTokenRejected",
					"TgGatewayPollingConflict", "TgGatewayDispatcherSaturated", "TgGatewayOutboxAgeGrowing",
					"TgGatewayDeliveryFailureRatioHigh", "TgGatewayNoLeader", "TgGatewaySeveralLeaders",
					"TgGatewayHandlersFailing");
	}

	@Test
	void whenAlertFiresThenItWaitsSaysHowBadAndWhatToCheck() {
		Set<String> names = new HashSet<>();
		assertThat(alerts()).allSatisfy((rule) -> {
			names.add(rule.string("alert"));
			assertThat(rule.string("expr")).isNotBlank();
			assertThat(rule.string("for")).matches("[1-9][0-9]*[smh]");
			assertThat(rule.string("labels.severity")).isIn("critical", "warning");
			assertThat(rule.string("annotations.summary")).isNotBlank();
			assertThat(rule.string("annotations.description")).hasSizeGreaterThan(80);
		});
		assertThat(names).isNotEmpty();
	}

	static List<Manifest> alerts() {
		return new Manifest(ruleFile()).objects("groups")
			.stream()
			.flatMap((group) -> group.objects("rules").stream())
			.filter((rule) -> rule.find("alert") != null)
			.toList();
	}

	static Map<String, Object> ruleFile() {
		return HelmChart.load(RULES);
	}

}
