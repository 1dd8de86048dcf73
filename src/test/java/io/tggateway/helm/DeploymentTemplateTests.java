package io.tggateway.helm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deployment the chart renders: probes, graceful shutdown, update strategy, pod
 * security and JVM sizing.
 */
class DeploymentTemplateTests {

	@TempDir
	Path scratch;

	@Test
	void whenDefaultsThenOneReplicaIsReplacedWithRecreateAndHasNoDisruptionBudget() {
		Manifests manifests = chart().render(HelmChart.withToken());
		Manifest deployment = manifests.deployment();
		assertThat(deployment.integer("spec.replicas")).isOne();
		assertThat(deployment.string("spec.strategy.type")).isEqualTo("Recreate");
		assertThat(deployment.find("spec.strategy.rollingUpdate")).isNull();
		assertThat(manifests.ofKind("PodDisruptionBudget")).isEmpty();
		String appVersion = String.valueOf(HelmChart.load(HelmChart.DIRECTORY.resolve("Chart.yaml")).get("appVersion"));
		assertThat(manifests.container().string("image")).isEqualTo("tg-gateway:" + appVersion);
	}

	@Test
	void whenJdbcWithThreeReplicasThenRollingUpdateAndDisruptionBudget() {
		Manifests manifests = chart().render(HelmChart.withToken("replicaCount", 3, "store.type", "jdbc",
				"store.jdbc.url", "jdbc:postgresql://postgres:5432/gateway"));
		Manifest deployment = manifests.deployment();
		assertThat(deployment.integer("spec.replicas")).isEqualTo(3);
		assertThat(deployment.string("spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat(deployment.integer("spec.strategy.rollingUpdate.maxUnavailable")).isZero();
		Manifest budget = manifests.only("PodDisruptionBudget");
		assertThat(budget.integer("spec.maxUnavailable")).isOne();
		assertThat(deployment.map("spec.template.metadata.labels"))
			.containsAllEntriesOf(budget.map("spec.selector.matchLabels"));
	}

	@Test
	void whenJdbcWithOneReplicaThenNoDisruptionBudget() {
		Manifests manifests = chart()
			.render(HelmChart.withToken("store.type", "jdbc", "store.jdbc.url", "jdbc:postgresql://postgres/gateway"));
		assertThat(manifests.deployment().string("spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat(manifests.ofKind("PodDisruptionBudget")).isEmpty();
	}

	@Test
	void whenDefaultsThenProbesAskTheActuatorOnTheManagementPort() {
		Manifest container = chart().render(HelmChart.withToken()).container();
		assertThat(containerPorts(container))
			.containsExactlyInAnyOrderEntriesOf(Map.of("http", 8080, "management", 8081));
		assertThat(container.string("startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(container.string("livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(container.string("readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(container.string(probe + ".httpGet.port")).as(probe).isEqualTo("management");
		}
	}

	@Test
	void whenDefaultsThenGracePeriodIsComputedFromTheChartsShutdownValues() {
		Manifest defaults = new Manifest(HelmChart.load(HelmChart.DIRECTORY.resolve("values.yaml"))).object("shutdown");
		assertShutdown(chart().render(HelmChart.withToken()), defaults.integer("preStopSleepSeconds"),
				defaults.integer("timeoutPerShutdownPhaseSeconds"), defaults.integer("drainTimeoutSeconds"),
				defaults.integer("marginSeconds"));
	}

	@ParameterizedTest
	@CsvSource({ "5, 30, 20, 10", "10, 60, 59, 5", "1, 2, 1, 1" })
	void whenShutdownValuesSetThenGracePeriodAndServiceTimeoutsFollowThem(int preStop, int phase, int drain,
			int margin) {
		Manifests manifests = chart().render(HelmChart.withToken("shutdown", Map.of("preStopSleepSeconds", preStop,
				"timeoutPerShutdownPhaseSeconds", phase, "drainTimeoutSeconds", drain, "marginSeconds", margin)));
		assertShutdown(manifests, preStop, phase, drain, margin);
	}

	@Test
	void whenDefaultsThenPodRunsLockedDown() {
		Manifests manifests = chart().render(HelmChart.withToken());
		Manifest pod = manifests.deployment().object("spec.template.spec");
		assertThat(pod.get("securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(pod.integer("securityContext.runAsUser")).isGreaterThanOrEqualTo(10000);
		assertThat(pod.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
		Manifest container = manifests.container();
		assertThat(container.get("securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(container.get("securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(container.get("securityContext.allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(container.list("securityContext.capabilities.drop")).containsExactly("ALL");
		assertThat(container.find("securityContext.capabilities.add")).isNull();
		assertThat(container.string("securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat(container.objects("volumeMounts")).singleElement()
			.satisfies((mount) -> assertThat(mount.string("mountPath")).isEqualTo("/tmp"))
			.satisfies((mount) -> assertThat(pod.objects("volumes")).singleElement()
				.satisfies((volume) -> assertThat(volume.string("name")).isEqualTo(mount.string("name")))
				.satisfies((volume) -> assertThat(volume.find("emptyDir")).isNotNull()));
		assertThat(container.string("resources.requests.cpu")).isEqualTo("500m");
		assertThat(container.string("resources.requests.memory")).isEqualTo("512Mi");
		assertThat(container.string("resources.limits.memory")).isEqualTo("1Gi");
	}

	@Test
	void whenMemoryPercentageSetThenJvmIsSizedFromTheContainerLimit() {
		assertThat(chart().render(HelmChart.withToken()).env().get("JAVA_TOOL_OPTIONS"))
			.satisfies((env) -> assertThat(env.string("value")).contains("-XX:MaxRAMPercentage=75"));
		assertThat(chart().render(HelmChart.withToken("jvm.maxRamPercentage", 60)).env().get("JAVA_TOOL_OPTIONS"))
			.satisfies((env) -> assertThat(env.string("value")).contains("-XX:MaxRAMPercentage=60"));
	}

	private void assertShutdown(Manifests manifests, int preStop, int phase, int drain, int margin) {
		Manifest pod = manifests.deployment().object("spec.template.spec");
		assertThat(pod.integer("terminationGracePeriodSeconds")).isEqualTo(preStop + phase + 2 * drain + margin);
		assertThat(manifests.container().list("lifecycle.preStop.exec.command")).containsExactly("sleep",
				String.valueOf(preStop));
		Map<String, Manifest> env = manifests.env();
		assertThat(env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"))
			.satisfies((variable) -> assertThat(variable.string("value")).isEqualTo(phase + "s"));
		assertThat(env.get("GATEWAY_SHUTDOWN_DRAIN_TIMEOUT"))
			.satisfies((variable) -> assertThat(variable.string("value")).isEqualTo(drain + "s"));
	}

	private static Map<String, Integer> containerPorts(Manifest container) {
		return container.objects("ports")
			.stream()
			.collect(Collectors.toMap((port) -> port.string("name"), (port) -> port.integer("containerPort")));
	}

	private HelmChart chart() {
		return new HelmChart(this.scratch);
	}

}
