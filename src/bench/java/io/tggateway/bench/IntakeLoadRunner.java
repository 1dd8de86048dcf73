package io.tggateway.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.process.GatewayLaunch;
import io.tggateway.process.GatewayProcess;

/**
 * Intake: how many {@code POST /api/v1/notifications} the service accepts per second, and
 * how fast it answers, with the {@code memory} and the {@code jdbc} store, against a
 * trivial endpoint of the same service as the baseline: {@code GET /api/v1/topics} with
 * no topic declared (same connector, same API-key filter and quota, a small JSON answer,
 * no store). Run with {@code ./mvnw -B -Pbench -DskipTests package exec:exec@intake}
 * (options with {@code -Dintake.args="..."}, see {@link #USAGE}).
 *
 * <h2>How it works</h2> It starts the packaged jar twice as child processes, one per
 * store (the {@code jdbc} one on a fresh schema, dropped afterwards), each against its
 * own fake Bot API, both with Telegram's send limits at their defaults: delivery keeps
 * sending the accepted notifications at under 30 messages/s, as in production, which
 * costs little next to intake. The load generator runs in this JVM (so it competes with
 * the services for the CPUs): {@code --clients} virtual threads in a closed loop over
 * keep-alive connections. Each variant (trivial and POST, per store) is warmed up once,
 * then measured for {@code --duration} in each of {@code --rounds} rounds, the order of
 * the variants rotating from round to round so that a noisy moment does not hit one
 * variant only. Every phase is bounded by time and by {@code --max-requests}. The
 * notifications go to 10,000 chats in turn, each with a different text.
 * <p>
 * The exit code is 0 if every request was answered as expected, 2 if not, 3 if
 * {@code --require-target} is given and a target was missed.
 */
public final class IntakeLoadRunner {

	static final String USAGE = """
			Options (-Dintake.args="..."), defaults in brackets:
			  --clients=N [32]  --warmup=DURATION [15s]  --duration=DURATION [5s]  --rounds=N [3]
			  --max-requests=N [100000] per phase  --stores=memory,jdbc [both]  --database-url=URL
			  [TEST_DATABASE_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
			  --target-ratio=PERCENT [70] (POST against the trivial endpoint)  --target-jdbc=N [2000] accepted/s
			  --require-target  --jar=PATH [target/tg-gateway.jar]  --jvm-arg=OPTION (repeatable)
			  --gateway-arg=NAME=VALUE (repeatable, both services)""";

	private static final String CLIENT = "bench";

	private static final String KEY = "bench-intake-key-0123456789abcdef";

	private static final int CHATS = 10_000;

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final long FIRST_CHAT = 200_001;

	private IntakeLoadRunner() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> jvmArgs = new ArrayList<>();
		Map<String, String> gatewayArgs = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			String name = arg.startsWith("--") ? ((equals > 0) ? arg.substring(2, equals) : arg.substring(2)) : "";
			String value = (equals > 0) ? arg.substring(equals + 1) : "true";
			switch (name) {
				case "jvm-arg" -> jvmArgs.add(value);
				case "gateway-arg" -> gatewayArgs.put(value.substring(0, value.indexOf('=')),
						value.substring(value.indexOf('=') + 1));
				case "clients", "warmup", "duration", "rounds", "max-requests", "stores", "database-url",
						"target-ratio", "target-jdbc", "require-target", "jar" ->
					options.put(name, value);
				default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
			}
		}
		int clients = Integer.parseInt(options.getOrDefault("clients", "32"));
		Duration warmup = LoadOptions.duration(options.getOrDefault("warmup", "15s"));
		Duration duration = LoadOptions.duration(options.getOrDefault("duration", "5s"));
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		int maxRequests = Integer.parseInt(options.getOrDefault("max-requests", "100000"));
		List<String> stores = List.of(options.getOrDefault("stores", "memory,jdbc").split(","));
		double targetRatio = Double.parseDouble(options.getOrDefault("target-ratio", "70"));
		double targetJdbc = Double.parseDouble(options.getOrDefault("target-jdbc", "2000"));
		Path jar = Path.of(options.getOrDefault("jar", GatewayProcess.jar().toString())).toAbsolutePath();
		String databaseUrl = options.getOrDefault("database-url", BenchDatabase.defaultUrl());
		System.out.printf(Locale.ROOT,
				"Intake: %d closed-loop clients in this JVM; warm-up %s per variant, then %d rounds of %s per "
						+ "variant (at most %,d requests a phase); stores %s%nJVM: %s %s, %d CPUs; service JVM "
						+ "options: %s%n",
				clients, warmup, rounds, duration, maxRequests, stores, System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors(),
				jvmArgs.isEmpty() ? "(defaults)" : jvmArgs);
		List<Target> targets = new ArrayList<>();
		List<AutoCloseable> resources = new ArrayList<>();
		IntakeSummary summary = new IntakeSummary();
		try (ClosedLoopLoad load = new ClosedLoopLoad(clients)) {
			for (String store : stores) {
				FakeTelegram fake = FakeTelegram.start();
				resources.add(fake);
				BenchDatabase database = null;
				if (store.equals("jdbc")) {
					database = BenchDatabase.freshSchema(databaseUrl);
					resources.add(database);
				}
				GatewayLaunch launch = GatewayProcess.builder("intake-" + store)
					.jar(jar)
					.arg("gateway.telegram.token", FakeTelegram.TOKEN)
					.arg("gateway.telegram.api-url", fake.baseUrl())
					.arg("gateway.api.keys." + CLIENT, KEY)
					.arg("gateway.api.requests-per-second", 1_000_000)
					.arg("gateway.delivery.outbox-capacity", 10_000_000);
				if (database != null) {
					database.serviceArgs().forEach(launch::arg);
				}
				jvmArgs.forEach(launch::jvmArg);
				gatewayArgs.forEach(launch::arg);
				GatewayProcess gateway = launch.start(BenchDatabase.START_TIMEOUT);
				// Stopped before its fake and its schema go (resources are closed in reverse),
				// with SIGTERM first so that a flight recording (--jvm-arg) is written.
				resources.add(() -> {
					gateway.sigterm();
					gateway.awaitExit(STOP_TIMEOUT);
					gateway.close();
				});
				System.out.printf("Service with the %s store: %s, log %s%n", store, gateway, gateway.logFile());
				String base = "http://127.0.0.1:" + gateway.serverPort();
				targets.add(new Target(IntakeSummary.trivial(store), gateway, 200, get(URI.create(
						"http://127.0.0.1:" + gateway.managementPort() + "/actuator/health/liveness"))));
				if (store.equals("memory")) {
					targets.add(new Target(IntakeSummary.topics(store), gateway, 200,
							get(URI.create(base + "/api/v1/topics"))));
				}
				targets.add(new Target(IntakeSummary.post(store), gateway, 202,
						notification(URI.create(base + "/api/v1/notifications"))));
			}
			AtomicLong sequence = new AtomicLong();
			for (Target target : targets) {
				ClosedLoopLoad.Phase phase = load.run(target.requests(), target.status(), warmup, maxRequests,
						sequence);
				System.out.printf(Locale.ROOT, "warm-up  %-48s %,8.0f req/s%n", target.name(), phase.rate());
				summary.add(target.name(), phase, new Cpu(Duration.ZERO, Duration.ZERO, Duration.ZERO), false);
			}
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < targets.size(); i++) {
					Target target = targets.get((i + round) % targets.size());
					Duration cpuBefore = target.gateway().cpuTime();
					Duration databaseBefore = databaseCpu();
					Duration runnerBefore = runnerCpu();
					ClosedLoopLoad.Phase phase = load.run(target.requests(), target.status(), duration, maxRequests,
							sequence);
					Cpu cpu = new Cpu(target.gateway().cpuTime().minus(cpuBefore),
							databaseCpu().minus(databaseBefore), runnerCpu().minus(runnerBefore));
					double perRequest = 1e6 * Math.max(1, phase.ok());
					System.out.printf(Locale.ROOT,
							"round %d  %-48s %,8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  failed %d  errors %d  CPU "
									+ "ms/request: service %.3f, PostgreSQL %.3f, load generator %.3f%n",
							round + 1, target.name(), phase.rate(), phase.percentileMillis(50),
							phase.percentileMillis(99), phase.failures(), phase.errors(),
							cpu.service().toNanos() / perRequest, cpu.database().toNanos() / perRequest,
							cpu.runner().toNanos() / perRequest);
					summary.add(target.name(), phase, cpu, true);
				}
			}
		}
		finally {
			for (int i = resources.size() - 1; i >= 0; i--) {
				close(resources.get(i));
			}
		}
		System.out.printf("%n%s%n", summary.table());
		boolean met = summary.verdicts(stores, targetRatio, targetJdbc);
		if (!summary.correct()) {
			System.exit(2);
		}
		if (!met && options.containsKey("require-target")) {
			System.exit(3);
		}
	}

	private static LongFunction<HttpRequest> get(URI uri) {
		return (sequence) -> ClosedLoopLoad.request(uri, KEY).GET().build();
	}

	private static LongFunction<HttpRequest> notification(URI uri) {
		return (sequence) -> ClosedLoopLoad.request(uri, KEY)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"chatId\":" + (FIRST_CHAT + sequence % CHATS)
					+ ",\"text\":\"Intake benchmark notification " + sequence + "\"}"))
			.build();
	}

	private static void close(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception ex) {
			System.out.printf("Could not close %s: %s%n", resource, ex);
		}
	}

	/**
	 * The CPU time of the PostgreSQL processes on this machine that run now (a backend
	 * that ended during a phase is missed; the service's pooled connections live on).
	 */
	private static Duration databaseCpu() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.map((process) -> process.info().totalCpuDuration().orElse(Duration.ZERO))
			.reduce(Duration.ZERO, Duration::plus);
	}

	private static Duration runnerCpu() {
		return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	static long[] merge(List<long[]> sorted) {
		return sorted.stream().flatMapToLong(LongStream::of).sorted().toArray();
	}

	/**
	 * CPU time used during a phase.
	 *
	 * @param service by the service's process
	 * @param database by PostgreSQL's processes
	 * @param runner by this JVM (the load generator and the idle fakes)
	 */
	record Cpu(Duration service, Duration database, Duration runner) {
	}

	private record Target(String name, GatewayProcess gateway, int status, LongFunction<HttpRequest> requests) {
	}

}
