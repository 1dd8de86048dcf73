package io.tggateway.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the chart exposes the service: the REST API's Service, the Actuator's own Service,
 * the optional Ingress and NetworkPolicy.
 */
class NetworkTemplateTests {

	private static final String METRICS_SERVICE = HelmChart.FULLNAME + "-metrics";

	@TempDir
	Path scratch;

	@Test
	void whenDefaultsThenRestServiceExposesOnly8080AndMetricsServiceOnly8081() {
		Manifests manifests = chart().render(HelmChart.withToken());
		Manifest rest = manifests.get("Service", HelmChart.FULLNAME);
		assertThat(rest.objects("spec.ports")).singleElement().satisfies((port) -> {
			assertThat(port.integer("port")).isEqualTo(8080);
			assertThat(port.string("targetPort")).isEqualTo("http");
		});
		Manifest metrics = manifests.get("Service", METRICS_SERVICE);
		assertThat(metrics.objects("spec.ports")).singleElement().satisfies((port) -> {
			assertThat(port.integer("port")).isEqualTo(8081);
			assertThat(port.string("targetPort")).isEqualTo("management");
		});
		Map<String, Object> podLabels = manifests.deployment().map("spec.template.metadata.labels");
		assertThat(podLabels).containsAllEntriesOf(rest.map("spec.selector"))
			.containsAllEntriesOf(metrics.map("spec.selector"));
		assertThat(manifests.ofKind("Service")).hasSize(2);
		assertThat(manifests.ofKind("Ingress")).isEmpty();
		assertThat(manifests.ofKind("NetworkPolicy")).isEmpty();
	}

	@Test
	void whenIngressEnabledThenItRoutesToTheRestServiceOnly() {
		Manifests manifests = chart()
			.render(HelmChart.withToken("ingress.enabled", true, "ingress.className", "nginx"));
		Manifest ingress = manifests.only("Ingress");
		assertThat(ingress.string("spec.ingressClassName")).isEqualTo("nginx");
		List<Manifest> paths = ingress.objects("spec.rules")
			.stream()
			.flatMap((rule) -> rule.objects("http.paths").stream())
			.toList();
		assertThat(paths).isNotEmpty().allSatisfy((path) -> {
			assertThat(path.string("backend.service.name")).isEqualTo(HelmChart.FULLNAME);
			assertThat(path.string("backend.service.port.name")).isEqualTo("http");
		});
	}

	@Test
	void whenNetworkPolicyEnabledThenOnlyTheApiAndTheActuatorAreReachable() {
		Manifests manifests = chart().render(HelmChart.withToken("networkPolicy.enabled", true));
		Manifest policy = manifests.only("NetworkPolicy");
		assertThat(manifests.deployment().map("spec.template.metadata.labels"))
			.containsAllEntriesOf(policy.map("spec.podSelector.matchLabels"));
		assertThat(policy.list("spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
		List<Manifest> ingress = policy.objects("spec.ingress");
		assertThat(ingress).extracting((rule) -> rule.string("ports.0.port")).containsExactly("http", "management");
		assertThat(ingress).allSatisfy((rule) -> assertThat(rule.list("ports")).hasSize(1));
		assertThat(ingress.get(1).map("from.0.namespaceSelector.matchLabels"))
			.containsEntry("kubernetes.io/metadata.name", "monitoring");
		assertThat(egressPorts(policy)).containsExactlyInAnyOrder("53/UDP", "53/TCP", "443/TCP");
	}

	@Test
	void whenNetworkPolicyEnabledWithJdbcThenTheDatabaseIsReachable() {
		Manifests manifests = chart().render(HelmChart.withToken("networkPolicy.enabled", true, "store.type", "jdbc",
				"store.jdbc.url", "jdbc:postgresql://postgres:6543/gateway", "store.jdbc.port", 6543));
		assertThat(egressPorts(manifests.only("NetworkPolicy"))).containsExactlyInAnyOrder("53/UDP", "53/TCP",
				"443/TCP", "6543/TCP");
	}

	private static List<String> egressPorts(Manifest policy) {
		return policy.objects("spec.egress")
			.stream()
			.flatMap((rule) -> rule.objects("ports").stream())
			.map((port) -> port.string("port") + "/" + port.string("protocol"))
			.toList();
	}

	private HelmChart chart() {
		return new HelmChart(this.scratch);
	}

}
