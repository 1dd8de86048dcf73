package io.tggateway.helm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metric catalog: the names the service exports to Prometheus, which the Grafana
 * dashboard and the alert rules may use, and nothing else. A test of the running service
 * asserts that it exports exactly {@link #METRIC_NAMES}; this one asserts that the
 * dashboard's and the rules' PromQL use only those names, and only the label values the
 * service gives. Public for the whole-service test that scrapes the running service
 * ({@code io.tggateway.MetricsTests}).
 */
public class MetricCatalogTests {

	static final Path DASHBOARD = HelmChart.DIRECTORY.resolve("files/dashboard.json");

	/**
	 * Every series name the service exports under {@code gateway_} (and Spring's
	 * {@code http_server_requests_}), as Prometheus names them. Timers and distribution
	 * summaries are histograms ({@code _bucket}, {@code _count}, {@code _sum}) plus
	 * Micrometer's {@code _max} gauge.
	 */
	public static final List<String> METRIC_NAMES = List.of(
			// gauges
			"gateway_dispatch_queued", "gateway_dispatch_running", "gateway_dispatch_lanes_active",
			"gateway_dispatch_capacity", "gateway_poller_up", "gateway_poller_state",
			"gateway_poller_last_success_age_seconds", "gateway_poller_consecutive_failures", "gateway_delivery_outbox",
			"gateway_delivery_outbox_oldest_age_seconds", "gateway_delivery_outbox_capacity", "gateway_cluster_leader",
			// counters
			"gateway_dispatch_updates_accepted_total", "gateway_dispatch_updates_total",
			"gateway_dispatch_updates_refused_total", "gateway_poller_polls_total",
			"gateway_poller_updates_received_total", "gateway_poller_updates_unreadable_total",
			"gateway_delivery_deliveries_total", "gateway_delivery_failures_total",
			"gateway_delivery_messages_sent_total", "gateway_delivery_rate_limited_total",
			// timers
			"gateway_dispatch_handler_duration_seconds_bucket", "gateway_dispatch_handler_duration_seconds_count",
			"gateway_dispatch_handler_duration_seconds_sum", "gateway_dispatch_handler_duration_seconds_max",
			"gateway_dispatch_lane_wait_seconds_bucket", "gateway_dispatch_lane_wait_seconds_count",
			"gateway_dispatch_lane_wait_seconds_sum", "gateway_dispatch_lane_wait_seconds_max",
			"gateway_poller_poll_duration_seconds_bucket", "gateway_poller_poll_duration_seconds_count",
			"gateway_poller_poll_duration_seconds_sum", "gateway_poller_poll_duration_seconds_max",
			"gateway_delivery_send_duration_seconds_bucket", "gateway_delivery_send_duration_seconds_count",
			"gateway_delivery_send_duration_seconds_sum", "gateway_delivery_send_duration_seconds_max",
			"gateway_delivery_limiter_wait_seconds_bucket", "gateway_delivery_limiter_wait_seconds_count",
			"gateway_delivery_limiter_wait_seconds_sum", "gateway_delivery_limiter_wait_seconds_max",
			// distribution summary
			"gateway_poller_batch_size_bucket", "gateway_poller_batch_size_count", "gateway_poller_batch_size_sum",
			"gateway_poller_batch_size_max",
			// Spring MVC, with a client tag
			"http_server_requests_seconds_count", "http_server_requests_seconds_sum",
			"http_server_requests_seconds_max");

	/** The values each label of a {@code gateway_} metric takes, by metric. */
	public static final Map<String, Map<String, Set<String>>> LABEL_VALUES = Map.of("gateway_poller_state",
			Map.of("state", Set.of("stopped", "starting", "polling", "backing_off", "conflict", "unauthorized")),
			"gateway_delivery_outbox", Map.of("status", Set.of("queued", "sending")), "gateway_dispatch_updates_total",
			Map.of("outcome", Set.of("handled", "failed", "timed_out")), "gateway_dispatch_updates_refused_total",
			Map.of("reason", Set.of("lane_full", "queue_full", "stopping")), "gateway_poller_polls_total",
			Map.of("outcome", Set.of("ok", "failed", "conflict", "unauthorized", "rate_limited")),
			"gateway_delivery_deliveries_total", Map.of("outcome", Set.of("delivered", "retried")),
			"gateway_delivery_failures_total", Map.of("reason", Set.of("blocked", "kicked", "deactivated", "forbidden",
					"chat_not_found", "bad_request", "expired")));

	/** Labels Prometheus adds (or histograms carry), usable with any metric. */
	private static final Set<String> TARGET_LABELS = Set.of("namespace", "job", "instance", "pod", "service", "le");

	private static final Pattern METRIC = Pattern.compile("\\b(?:gateway|http_server_requests)_[a-z0-9_]+\\b");

	private static final Pattern SELECTOR = Pattern.compile("\\b(gateway_[a-z0-9_]+)\\s*\\{([^}]*)}");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");

	@Test
	void whenDashboardQueriesPrometheusThenItUsesCatalogMetricsOnly() {
		List<String> queries = dashboardQueries();
		assertThat(queries).as("the dashboard's queries").hasSizeGreaterThan(30);
		assertThat(metricNames(queries)).isNotEmpty().isSubsetOf(METRIC_NAMES);
	}

	@Test
	void whenRulesAlertThenTheyUseCatalogMetricsOnly() {
		List<String> expressions = PrometheusRulesTests.alerts().stream().map((rule) -> rule.string("expr")).toList();
		assertThat(expressions).isNotEmpty();
		assertThat(metricNames(expressions)).isNotEmpty().isSubsetOf(METRIC_NAMES);
		List<String> annotations = PrometheusRulesTests.alerts()
			.stream()
			.flatMap((rule) -> rule.map("annotations").values().stream())
			.map(String::valueOf)
			.toList();
		// Prose may name a histogram by its base name:
		// gateway_delivery_send_duration_seconds.
		assertThat(metricNames(annotations)).as("metrics the annotations tell operators to check")
			.isNotEmpty()
			.allSatisfy((name) -> assertThat(METRIC_NAMES).containsAnyOf(name, name + "_count"));
	}

	@Test
	void whenQueriesFilterByLabelThenTheyUseLabelValuesTheServiceGives() {
		List<String> expressions = new ArrayList<>(dashboardQueries());
		PrometheusRulesTests.alerts().forEach((rule) -> expressions.add(rule.string("expr")));
		List<String> checked = new ArrayList<>();
		for (String expression : expressions) {
			Matcher selector = SELECTOR.matcher(expression);
			while (selector.find()) {
				String metric = selector.group(1);
				Map<String, Set<String>> labels = LABEL_VALUES.getOrDefault(metric, Map.of());
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					String label = matcher.group(1);
					if (TARGET_LABELS.contains(label)) {
						continue;
					}
					assertThat(labels).as("labels of %s in %s", metric, expression).containsKey(label);
					List<String> values = matcher.group(2).contains("~") ? List.of(matcher.group(3).split("\\|"))
							: List.of(matcher.group(3));
					assertThat(values).as("values of %s{%s} in %s", metric, label, expression)
						.isSubsetOf(labels.getOrDefault(label, Set.of()));
					checked.add(metric + "{" + label + "}");
				}
			}
		}
		assertThat(checked).as("label filters checked").isNotEmpty();
	}

	@Test
	void whenOperatorOpensDashboardThenItShowsWhatTheyAskFirst() {
		assertThat(metricNames(dashboardQueries())).contains("gateway_dispatch_updates_accepted_total",
				"gateway_delivery_messages_sent_total", "gateway_dispatch_queued", "gateway_dispatch_capacity",
				"gateway_dispatch_running", "gateway_dispatch_handler_duration_seconds_bucket",
				"gateway_delivery_send_duration_seconds_bucket", "gateway_dispatch_lane_wait_seconds_bucket",
				"gateway_delivery_rate_limited_total", "gateway_delivery_deliveries_total",
				"gateway_delivery_failures_total", "gateway_delivery_outbox",
				"gateway_delivery_outbox_oldest_age_seconds", "gateway_poller_state",
				"gateway_poller_last_success_age_seconds", "gateway_cluster_leader");
	}

	@Test
	void whenDashboardLoadedThenPanelsHaveUniqueIdsAndUseTheDataSourceVariable() {
		Map<String, Object> dashboard = dashboard();
		List<Map<String, Object>> panels = new Manifest(dashboard).objects("panels")
			.stream()
			.map(Manifest::content)
			.toList();
		assertThat(panels).extracting((panel) -> panel.get("id")).doesNotHaveDuplicates().doesNotContainNull();
		assertThat(panels).filteredOn((panel) -> !"row".equals(panel.get("type")))
			.isNotEmpty()
			.allSatisfy((panel) -> assertThat(new Manifest(panel).string("datasource.uid")).isEqualTo("${datasource}"));
		assertThat(new Manifest(dashboard).string("uid")).isEqualTo("tg-gateway");
	}

	/**
	 * The PromQL of the dashboard: every panel target's {@code expr} and every template
	 * variable's query.
	 * @return the expressions
	 */
	static List<String> dashboardQueries() {
		List<String> queries = new ArrayList<>();
		collectQueries(dashboard(), queries);
		return queries;
	}

	private static void collectQueries(Object node, List<String> queries) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if (("expr".equals(key) || "query".equals(key) || "definition".equals(key))
						&& value instanceof String text) {
					queries.add(text);
				}
				else {
					collectQueries(value, queries);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((element) -> collectQueries(element, queries));
		}
	}

	private static Map<String, Object> dashboard() {
		return Manifest.asMap(JsonMapper.shared().readValue(DASHBOARD, Map.class));
	}

	private static Set<String> metricNames(List<String> texts) {
		return texts.stream()
			.flatMap((text) -> METRIC.matcher(text).results().map(MatchResult::group))
			.collect(Collectors.toCollection(TreeSet::new));
	}

}
