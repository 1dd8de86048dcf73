package io.tggateway.helm;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Values the chart refuses ({@code values.schema.json}, or a template's {@code fail}
 * where the schema cannot compare two values), with a message that names what to change.
 */
class InvalidValuesTests {

	@TempDir
	Path scratch;

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedValues")
	void whenValuesAreNonsenseThenTheChartRefusesThem(String what, Map<String, Object> values, String named) {
		assertThat(new HelmChart(this.scratch).refuse(values)).as(what).contains(named);
	}

	static Stream<Arguments> refusedValues() {
		return Stream.of(
				arguments("memory store with 3 replicas", HelmChart.withToken("replicaCount", 3), "replicaCount"),
				arguments("drain timeout equal to the phase timeout",
						HelmChart.withToken(
								"shutdown.drainTimeoutSeconds", 30, "shutdown.timeoutPerShutdownPhaseSeconds", 30),
						"drainTimeoutSeconds (30) must be below shutdown.timeoutPerShutdownPhaseSeconds (30)"),
				arguments("drain timeout above the phase timeout",
						HelmChart.withToken("shutdown.drainTimeoutSeconds", 45), "drainTimeoutSeconds"),
				arguments("unknown store type", HelmChart.withToken("store.type", "redis"), "/store/type"),
				arguments("unknown log format", HelmChart.withToken("logFormat", "json"), "/logFormat"),
				arguments("no token and no existingSecret", HelmChart.values(), "/telegram/token"),
				arguments("malformed token", HelmChart.values("telegram.token", "not-a-token"), "/telegram/token"),
				arguments("token and existingSecret", HelmChart.withToken("existingSecret", "gateway-secrets"),
						"/telegram/token"),
				arguments("zero drain timeout", HelmChart.withToken("shutdown.drainTimeoutSeconds", 0),
						"/shutdown/drainTimeoutSeconds"),
				arguments("negative phase timeout", HelmChart.withToken("shutdown.timeoutPerShutdownPhaseSeconds", -30),
						"/shutdown/timeoutPerShutdownPhaseSeconds"),
				arguments("fractional preStop sleep", HelmChart.withToken("shutdown.preStopSleepSeconds", 2.5),
						"/shutdown/preStopSleepSeconds"),
				arguments("memory limit in bytes with a wrong unit",
						HelmChart.withToken("resources.limits.memory", "1GB"), "/resources/limits/memory"),
				arguments("no memory limit", HelmChart.withToken("resources.limits.memory", HelmChart.UNSET),
						"missing property 'memory'"),
				arguments("cpu request in words", HelmChart.withToken("resources.requests.cpu", "half"),
						"/resources/requests/cpu"),
				arguments("jdbc without a URL", HelmChart.withToken("store.type", "jdbc"), "/store/jdbc/url"),
				arguments("a secret among the plain settings",
						HelmChart.withToken("env.GATEWAY_TELEGRAM_TOKEN", HelmChart.TOKEN), "GATEWAY_TELEGRAM_TOKEN"),
				arguments("a shutdown timeout among the plain settings",
						HelmChart.withToken("env.GATEWAY_SHUTDOWN_DRAIN_TIMEOUT", "10s"),
						"GATEWAY_SHUTDOWN_DRAIN_TIMEOUT"),
				arguments("an API client name that is no environment variable",
						HelmChart.withToken("apiKeys.billing-service", "0123456789abcdef0123"), "billing-service"),
				arguments("a short API key", HelmChart.withToken("apiKeys.billing", "short"), "/apiKeys/billing"),
				arguments("a short health details key", HelmChart.withToken("opsDetailsKey", "short"),
						"/opsDetailsKey"),
				arguments("a health details key beside an existing Secret",
						HelmChart.values("existingSecret", "gateway-secrets", "opsDetailsKey",
								"ops-details-key-0123456789"),
						"/opsDetailsKey"),
				arguments("an API URL with a path",
						HelmChart.withToken("telegram.apiUrl", "https://api.telegram.org/bot"), "/telegram/apiUrl"),
				arguments("a misspelt value", HelmChart.withToken("replicas", 2), "replicas"),
				arguments("heap above the memory limit", HelmChart.withToken("jvm.maxRamPercentage", 120),
						"/jvm/maxRamPercentage"));
	}

}
