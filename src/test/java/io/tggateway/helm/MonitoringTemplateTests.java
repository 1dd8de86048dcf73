package io.tggateway.helm;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optional monitoring objects: the ServiceMonitor, the PrometheusRule wrapping the
 * plain rule file, and the Grafana dashboard's ConfigMap.
 */
class MonitoringTemplateTests {

	@TempDir
	Path scratch;

	@Test
	void whenDefaultsThenNoMonitoringObjects() {
		Manifests manifests = new HelmChart(this.scratch).render(HelmChart.withToken());
		assertThat(manifests.kinds()).doesNotContain("ServiceMonitor", "PrometheusRule");
		assertThat(manifests.ofKind("ConfigMap")).singleElement()
			.satisfies((configMap) -> assertThat(configMap.name()).isEqualTo(HelmChart.FULLNAME));
	}

	@Test
	void whenServiceMonitorEnabledThenItScrapesTheMetricsServiceOnly() {
		Manifests manifests = new HelmChart(this.scratch).render(HelmChart.withToken("metrics.serviceMonitor.enabled",
				true, "metrics.serviceMonitor.labels.release", "kube-prometheus-stack"));
		Manifest monitor = manifests.only("ServiceMonitor");
		assertThat(monitor.string("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.map("metadata.labels")).containsEntry("release", "kube-prometheus-stack");
		assertThat(monitor.objects("spec.endpoints")).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.string("port")).isEqualTo("management");
			assertThat(endpoint.string("path")).isEqualTo("/actuator/prometheus");
		});
		assertThat(monitor.list("spec.namespaceSelector.matchNames")).containsExactly(HelmChart.NAMESPACE);
		Map<String, Object> selector = monitor.map("spec.selector.matchLabels");
		Manifest metrics = manifests.get("Service", HelmChart.FULLNAME + "-metrics");
		Manifest rest = manifests.get("Service", HelmChart.FULLNAME);
		assertThat(metrics.map("metadata.labels")).containsAllEntriesOf(selector);
		assertThat(rest.map("metadata.labels").entrySet().containsAll(selector.entrySet()))
			.as("the REST Service is scraped too")
			.isFalse();
		assertThat(metrics.objects("spec.ports")).singleElement()
			.satisfies((port) -> assertThat(port.string("name")).isEqualTo("management"));
	}

	@Test
	void whenPrometheusRuleEnabledThenItWrapsTheRuleFileUnchanged() {
		Manifests manifests = new HelmChart(this.scratch)
			.render(HelmChart.withToken("metrics.prometheusRule.enabled", true));
		Manifest rule = manifests.only("PrometheusRule");
		assertThat(rule.string("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.map("spec")).isEqualTo(PrometheusRulesTests.ruleFile());
	}

	@Test
	void whenDashboardEnabledThenTheSidecarFindsItsConfigMap() {
		Manifests manifests = new HelmChart(this.scratch)
			.render(HelmChart.withToken("dashboard.enabled", true, "dashboard.annotations.grafana_folder", "Telegram"));
		Manifest configMap = manifests.get("ConfigMap", HelmChart.FULLNAME + "-dashboard");
		assertThat(configMap.map("metadata.labels")).containsEntry("grafana_dashboard", "1");
		assertThat(configMap.map("metadata.annotations")).containsEntry("grafana_folder", "Telegram");
		assertThat(configMap.string("metadata.namespace")).isEqualTo(HelmChart.NAMESPACE);
		JsonMapper json = JsonMapper.shared();
		assertThat(json.readTree(String.valueOf(configMap.map("data").get("tg-gateway.json"))))
			.isEqualTo(json.readTree(MetricCatalogTests.DASHBOARD));
	}

}
