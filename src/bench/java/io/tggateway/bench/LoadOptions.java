package io.tggateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tggateway.process.GatewayProcess;

/**
 * The settings of {@link EndToEndLoadRunner}, from {@code --name=value} arguments.
 *
 * @param chats how many chats write at once
 * @param updatesPerChat how many messages each chat sends
 * @param handlerDelay the echo handler's work per update
 * @param latency how long the fake takes to answer every call
 * @param warmups unmeasured runs first
 * @param runs measured runs
 * @param runTimeout how long one run may take before it counts as failed
 * @param targetPercent the share of the ideal throughput to reach
 * @param requireTarget whether missing the target makes the exit code non-zero
 * @param fakeNoDelay whether the fake's HTTP server sets {@code TCP_NODELAY}, as
 * Telegram's servers do
 * @param jar the service's jar
 * @param jvmArgs options of the service's JVM
 * @param gatewayArgs more {@code --name=value} arguments of the service
 * @param stores the stores to compare, one service each ({@code memory}, {@code jdbc})
 * @param databaseUrl the PostgreSQL of the {@code jdbc} store
 * @param targetJdbcPercent the share of the {@code memory} store's throughput the
 * {@code jdbc} store should reach
 */
record LoadOptions(int chats, int updatesPerChat, Duration handlerDelay, Duration latency, int warmups, int runs,
		Duration runTimeout, double targetPercent, boolean requireTarget, boolean fakeNoDelay, Path jar, List<String> jvmArgs,
		Map<String, String> gatewayArgs, List<String> stores, String databaseUrl, double targetJdbcPercent) {

	static final String USAGE = """
			Options (-De2e.args="..."), defaults in brackets:
			  --chats=N [200]  --updates-per-chat=N [20]  --delay=DURATION [50ms]  --latency=DURATION [20ms]
			  --warmups=N [3]  --runs=N [3]  --run-timeout=DURATION [60s]  --target=PERCENT [95]
			  --require-target (exit 3 when the target is missed)  --jar=PATH [target/tg-gateway.jar]
			  --fake-nodelay=true|false [true] (TCP_NODELAY on the fake's sockets, as on Telegram's servers)
			  --jvm-arg=OPTION (repeatable)  --gateway-arg=NAME=VALUE (repeatable, e.g. gateway.telegram.max-connections=512)
			  --stores=memory[,jdbc] [memory] (one service per store, runs alternating between them)
			  --database-url=URL [TEST_DATABASE_URL, else jdbc:postgresql://127.0.0.1:5432/test?user=postgres]
			  --target-jdbc=PERCENT [80] (jdbc's throughput against memory's)
			DURATION is a number with ms or s, e.g. 50ms, 2s.""";

	static LoadOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> jvmArgs = new ArrayList<>();
		Map<String, String> gatewayArgs = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
			}
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
			String value = (equals > 0) ? arg.substring(equals + 1) : "true";
			switch (name) {
				case "jvm-arg" -> jvmArgs.add(value);
				case "gateway-arg" -> {
					int split = value.indexOf('=');
					if (split <= 0) {
						throw new IllegalArgumentException("--gateway-arg needs NAME=VALUE, not '" + value + "'");
					}
					gatewayArgs.put(value.substring(0, split), value.substring(split + 1));
				}
				case "chats", "updates-per-chat", "delay", "latency", "warmups", "runs", "run-timeout", "target",
						"require-target", "fake-nodelay", "jar", "stores", "database-url", "target-jdbc" ->
					values.put(name, value);
				default -> throw new IllegalArgumentException("Unknown option --" + name + "\n" + USAGE);
			}
		}
		return new LoadOptions(positive(values, "chats", 200), positive(values, "updates-per-chat", 20),
				duration(values.getOrDefault("delay", "50ms")), duration(values.getOrDefault("latency", "20ms")),
				Integer.parseInt(values.getOrDefault("warmups", "3")), positive(values, "runs", 3),
				duration(values.getOrDefault("run-timeout", "60s")),
				Double.parseDouble(values.getOrDefault("target", "95")),
				Boolean.parseBoolean(values.getOrDefault("require-target", "false")),
				Boolean.parseBoolean(values.getOrDefault("fake-nodelay", "true")),
				values.containsKey("jar") ? Path.of(values.get("jar")).toAbsolutePath() : GatewayProcess.jar(),
				List.copyOf(jvmArgs), Map.copyOf(gatewayArgs), stores(values.getOrDefault("stores", "memory")),
				values.getOrDefault("database-url", BenchDatabase.defaultUrl()),
				Double.parseDouble(values.getOrDefault("target-jdbc", "80")));
	}

	/**
	 * The updates of one run.
	 * @return chats times updates per chat
	 */
	int totalUpdates() {
		return this.chats * this.updatesPerChat;
	}

	/**
	 * The best possible time of a run: each chat's updates one after another, each taking
	 * the handler's delay plus the fake's latency for its reply.
	 * @return the ideal elapsed time
	 */
	Duration idealElapsed() {
		return this.handlerDelay.plus(this.latency).multipliedBy(this.updatesPerChat);
	}

	/**
	 * The throughput of a run that takes {@link #idealElapsed()}.
	 * @return replies per second
	 */
	double idealRate() {
		return totalUpdates() / (idealElapsed().toNanos() / 1e9);
	}

	private static int positive(Map<String, String> values, String name, int otherwise) {
		int value = Integer.parseInt(values.getOrDefault(name, String.valueOf(otherwise)));
		if (value < 1) {
			throw new IllegalArgumentException("--" + name + " must be at least 1");
		}
		return value;
	}

	private static List<String> stores(String text) {
		List<String> stores = List.of(text.split(","));
		if (stores.isEmpty() || !List.of("memory", "jdbc").containsAll(stores) || stores.stream().distinct().count() < stores.size()) {
			throw new IllegalArgumentException("--stores takes memory, jdbc or both: '" + text + "'");
		}
		return stores;
	}

	static Duration duration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
		}
		if (value.endsWith("s")) {
			return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
		}
		throw new IllegalArgumentException("A duration needs ms or s, like 50ms or 2s: '" + text + "'");
	}

}
