package io.tggateway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The phases of an {@link IntakeLoadRunner} run by variant, as a table and verdicts.
 */
final class IntakeSummary {

	private final Map<String, List<Measured>> byVariant = new LinkedHashMap<>();

	private boolean correct = true;

	static String trivial(String store) {
		return "GET /actuator/health/liveness (" + store + " service)";
	}

	static String topics(String store) {
		return "GET /api/v1/topics (" + store + " service)";
	}

	static String post(String store) {
		return "POST /api/v1/notifications, " + store + " store";
	}

	void add(String variant, ClosedLoopLoad.Phase phase, IntakeLoadRunner.Cpu cpu, boolean measured) {
		this.correct &= phase.failures() == 0 && phase.errors() == 0;
		if (measured) {
			this.byVariant.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(new Measured(phase, cpu));
		}
	}

	/**
	 * Whether every request of every phase, warm-ups included, got the expected answer.
	 * @return {@code true} if so
	 */
	boolean correct() {
		return this.correct;
	}

	String table() {
		StringBuilder table = new StringBuilder("""
				| variant | req/s (mean of rounds) | min - max | p50 ms | p99 ms | failed | CPU ms/request: service, PostgreSQL, load generator |
				|---|---:|---:|---:|---:|---:|---:|
				""");
		this.byVariant.forEach((variant, phases) -> {
			long[] latencies = IntakeLoadRunner
				.merge(phases.stream().map((measured) -> measured.phase().latencies()).toList());
			int ok = phases.stream().mapToInt((measured) -> measured.phase().ok()).sum();
			double service = phases.stream().mapToLong((measured) -> measured.cpu().service().toNanos()).sum() / 1e6;
			double database = phases.stream().mapToLong((measured) -> measured.cpu().database().toNanos()).sum()
					/ 1e6;
			double runner = phases.stream().mapToLong((measured) -> measured.cpu().runner().toNanos()).sum() / 1e6;
			table.append(String.format(Locale.ROOT, "| %s | **%,.0f** | %,.0f - %,.0f | %.2f | %.2f | %d | %.3f, %.3f, %.3f |%n",
					variant, mean(variant), phases.stream().mapToDouble((measured) -> measured.phase().rate()).min()
						.orElse(0),
					phases.stream().mapToDouble((measured) -> measured.phase().rate()).max().orElse(0),
					ClosedLoopLoad.Phase.percentileMillis(latencies, 50),
					ClosedLoopLoad.Phase.percentileMillis(latencies, 99),
					phases.stream().mapToInt((measured) -> measured.phase().failures() + measured.phase().errors())
						.sum(),
					service / Math.max(1, ok), database / Math.max(1, ok), runner / Math.max(1, ok)));
		});
		return table.toString();
	}

	/**
	 * Prints whether the targets were met.
	 * @return whether all were
	 */
	boolean verdicts(List<String> stores, double targetRatio, double targetJdbc) {
		boolean met = true;
		for (String store : stores) {
			double trivial = mean(trivial(store));
			double post = mean(post(store));
			double ratio = 100 * post / Math.max(1, trivial);
			met &= ratio >= targetRatio;
			if (this.byVariant.containsKey(topics(store))) {
				System.out.printf(Locale.ROOT, "%s store: POST = %.1f %% of GET /api/v1/topics (%,.0f req/s)%n", store,
						100 * post / Math.max(1, mean(topics(store))), mean(topics(store)));
			}
			System.out.printf(Locale.ROOT,
					"%s store: POST %,.0f req/s = %.1f %% of the liveness probe's %,.0f req/s; target %.0f %%: %s%n",
					store, post, ratio, trivial, targetRatio, (ratio >= targetRatio) ? "met" : "MISSED");
		}
		if (stores.contains("jdbc")) {
			double jdbc = mean(post("jdbc"));
			met &= jdbc >= targetJdbc;
			System.out.printf(Locale.ROOT, "jdbc store: %,.0f accepted notifications/s; target %,.0f/s: %s%n", jdbc,
					targetJdbc, (jdbc >= targetJdbc) ? "met" : "MISSED");
			if (stores.contains("memory")) {
				System.out.printf(Locale.ROOT, "jdbc store against memory store: %.1f %%%n",
						100 * jdbc / Math.max(1, mean(post("memory"))));
			}
		}
		System.out.printf("Every request answered as expected: %s%n", this.correct);
		return met;
	}

	private double mean(String variant) {
		return this.byVariant.getOrDefault(variant, List.of())
			.stream()
			.mapToDouble((measured) -> measured.phase().rate())
			.average()
			.orElse(0);
	}

	private record Measured(ClosedLoopLoad.Phase phase, IntakeLoadRunner.Cpu cpu) {
	}

}
