package io.tggateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SendLimits;
import io.tggateway.process.GatewayProcess;

/**
 * Delivery under Telegram's limits: {@code chats x per-chat} notifications (3,000 to 1,000
 * private chats by default) accepted at once, with the fake Bot API enforcing Telegram's
 * flood control (30 messages/s overall, a burst of 3 then 1/s per chat, 20/min per
 * group) and the service's own limits at their defaults. Target: at least 95 % of 30
 * messages/s sustained, and not a single 429.
 * <p>
 * Run with {@code ./mvnw -B -Pbench -DskipTests package exec:exec@delivery} (options with
 * {@code -Ddelivery.args="..."}):
 * <ul>
 * <li>{@code --stores=memory,jdbc} (default both, one after the other in this run, each
 * with its own fake and service): the stores to measure; {@code jdbc} uses a fresh schema
 * of the database {@code --database-url=URL} [{@code TEST_DATABASE_URL}, else
 * {@value BenchDatabase#DEFAULT_URL}], dropped afterwards.</li>
 * <li>{@code --mode=jar} (default): the packaged jar as a child process, the
 * notifications posted to {@code /api/v1/notifications} (64 calls at a time);
 * {@code --mode=in-process}: the application in this JVM, the notifications handed to
 * {@code NotificationOutbox.accept}.</li>
 * <li>{@code --chats=N} [1000], {@code --per-chat=N} [3], {@code --warmup=N} [300]
 * (notifications to other chats first, not measured), {@code --target=PERCENT} [95],
 * {@code --require-target} (exit 3 when missed), {@code --jar=PATH}
 * [target/tg-gateway.jar], {@code --jvm-arg=OPTION} (repeatable).</li>
 * </ul>
 * <h2>How it works</h2> A warm-up sends {@code --warmup} notifications to other chats and
 * waits until they are out, so that the JIT has compiled the send path; the measured
 * notifications are then accepted round by round: every chat's first,
 * then every chat's second, and so on, each round complete before the next, so that
 * each chat's order is known. The run ends when the fake has recorded every message
 * (or a deadline of 1.5 times the ideal plus 30 s passes), then waits a second for late
 * duplicates. With the {@code jdbc} store the service sends only once it leads (it is
 * the only replica, so at once). Rates come from the fake's arrival times: sustained from the first send to
 * the last, steady state from one second after the first send. The exit code is 0 if
 * every message arrived once, in order per chat, with no 429; 2 if not; 3 if
 * {@code --require-target} is given and the target was missed.
 */
public final class DeliveryLoadRunner {

	private static final int LIMIT = SendLimits.TELEGRAM.globalPerSecond();

	private static final long FIRST_CHAT = 100_001;

	private static final long WARM_UP_CHAT = 900_001;

	private static final Duration SETTLE = Duration.ofSeconds(1);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private static final List<String> OPTIONS = List.of("mode", "stores", "database-url", "chats", "per-chat",
			"warmup", "target", "require-target", "jar", "jvm-arg");

	private DeliveryLoadRunner() {
	}

	public static void main(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> jvmArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			String name = (equals > 0) ? arg.substring(2, equals) : arg.substring(2);
			String value = (equals > 0) ? arg.substring(equals + 1) : "true";
			if (!arg.startsWith("--") || !OPTIONS.contains(name)) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; see the Javadoc of "
						+ DeliveryLoadRunner.class.getName() + " for the options");
			}
			if (name.equals("jvm-arg")) {
				jvmArgs.add(value);
			}
			else {
				options.put(name, value);
			}
		}
		boolean inProcess = options.getOrDefault("mode", "jar").equals("in-process");
		List<String> stores = List.of(options.getOrDefault("stores", "memory,jdbc").split(","));
		if (stores.isEmpty() || !List.of("memory", "jdbc").containsAll(stores)) {
			throw new IllegalArgumentException("--stores takes memory, jdbc or both: " + stores);
		}
		String databaseUrl = options.getOrDefault("database-url", BenchDatabase.defaultUrl());
		int chats = Integer.parseInt(options.getOrDefault("chats", "1000"));
		int perChat = Integer.parseInt(options.getOrDefault("per-chat", "3"));
		double target = Double.parseDouble(options.getOrDefault("target", "95"));
		Path jar = Path.of(options.getOrDefault("jar", GatewayProcess.jar().toString()));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
		int total = chats * perChat;
		Duration ideal = Duration.ofMillis(1000L * total / LIMIT);
		System.out.printf(Locale.ROOT,
				"Delivery under Telegram's limits: %,d notifications to %,d private chats (%d each), fake enforcing "
						+ "%s; service: %s, stores %s; ideal %.1f s at %d messages/s%nJVM: %s %s, %d CPUs%n",
				total, chats, perChat, SendLimits.TELEGRAM, inProcess ? "in this JVM" : "jar " + jar, stores,
				ideal.toMillis() / 1e3, LIMIT, System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), Runtime.getRuntime().availableProcessors());
		Map<String, DeliveryLoadResult> results = new LinkedHashMap<>();
		boolean stoppedCleanly = true;
		for (String store : stores) {
			System.out.printf("%n== %s store ==%n", store);
			try (BenchDatabase database = store.equals("jdbc") ? BenchDatabase.freshSchema(databaseUrl) : null) {
				Map<String, String> serviceArgs = (database != null) ? database.serviceArgs() : Map.of();
				StoreRun run = runStore(inProcess, jar, jvmArgs, serviceArgs, chats, perChat, warmup, ideal);
				results.put(store, run.result());
				stoppedCleanly &= run.stopped();
				System.out.printf(Locale.ROOT, "%s%n", DeliveryLoadResult.table(Map.of(store, run.result()), LIMIT));
				System.out.printf(Locale.ROOT, "%s store: %.2f messages/s (%.1f %% of %d/s), %d 429s, correct: %s, "
						+ "stopped cleanly: %s%n", store, run.result().rate(), run.result().percentOf(LIMIT), LIMIT,
						run.result().tooManyRequests(), run.result().correct(), run.stopped());
			}
		}
		System.out.printf(Locale.ROOT, "%n%s%n", DeliveryLoadResult.table(results, LIMIT));
		boolean allCorrect = true;
		boolean allMet = true;
		for (Map.Entry<String, DeliveryLoadResult> entry : results.entrySet()) {
			DeliveryLoadResult result = entry.getValue();
			boolean met = result.percentOf(LIMIT) >= target && result.tooManyRequests() == 0;
			allCorrect &= result.correct();
			allMet &= met;
			System.out.printf(Locale.ROOT,
					"%s store: %s. Target %.0f %% of %d messages/s (%.1f/s) with zero 429s: %s (%.1f %%).%n",
					entry.getKey(),
					result.correct() ? "every notification arrived once, in order per chat" : "FAILED", target,
					LIMIT, LIMIT * target / 100, met ? "met" : "MISSED", result.percentOf(LIMIT));
		}
		System.out.printf("Services stopped cleanly: %s.%n", stoppedCleanly);
		if (!allCorrect || !stoppedCleanly) {
			System.exit(2);
		}
		if (!allMet && options.containsKey("require-target")) {
			System.exit(3);
		}
	}

	private static StoreRun runStore(boolean inProcess, Path jar, List<String> jvmArgs,
			Map<String, String> serviceArgs, int chats, int perChat, int warmup, Duration ideal) {
		int total = chats * perChat;
		try (FakeTelegram fake = FakeTelegram.start()) {
			fake.enableSendLimits(SendLimits.TELEGRAM);
			try (DeliveryLoadService service = inProcess ? new DeliveryLoadService.InProcess(fake, serviceArgs)
					: new DeliveryLoadService.Jar(jar, fake, jvmArgs, serviceArgs)) {
				System.out.printf("Service started: %s%n", service);
				warmUp(service, fake, warmup);
				int refusedBefore = fake.tooManyRequests();
				Map<Long, List<String>> expected = new LinkedHashMap<>();
				Duration cpuBefore = service.cpu();
				long started = System.nanoTime();
				for (int round = 0; round < perChat; round++) {
					List<Map.Entry<Long, String>> batch = new ArrayList<>(chats);
					for (long chat = FIRST_CHAT; chat < FIRST_CHAT + chats; chat++) {
						String text = "notification " + round + " to " + chat;
						batch.add(Map.entry(chat, text));
						expected.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(text);
					}
					service.accept(batch);
				}
				Duration intake = Duration.ofNanos(System.nanoTime() - started);
				Duration deadline = Duration.ofMillis(ideal.toMillis() * 3 / 2).plusSeconds(30);
				if (!awaitSends(fake, total, deadline)) {
					System.out.printf("Only %,d of %,d messages within %s%n", fake.sentMessages().size(), total,
							deadline);
				}
				pause(SETTLE);
				Duration cpu = service.cpu().minus(cpuBefore);
				DeliveryLoadResult result = DeliveryLoadResult.analyse(expected, fake.sentMessages(), intake,
						fake.tooManyRequests() - refusedBefore, cpu, service.cpuLabel());
				return new StoreRun(result, service.stop());
			}
		}
	}

	/**
	 * Sends {@code count} notifications to other chats and waits until they are out and
	 * a second more, so that the measured run starts with a warm service and Telegram's
	 * windows empty.
	 */
	private static void warmUp(DeliveryLoadService service, FakeTelegram fake, int count) {
		if (count == 0) {
			return;
		}
		List<Map.Entry<Long, String>> batch = new ArrayList<>(count);
		for (long chat = WARM_UP_CHAT; chat < WARM_UP_CHAT + count; chat++) {
			batch.add(Map.entry(chat, "warm-up " + chat));
		}
		service.accept(batch);
		Duration timeout = Duration.ofMillis(1000L * count / LIMIT * 2).plusSeconds(30);
		if (!awaitSends(fake, count, timeout)) {
			throw new IllegalStateException("The warm-up was not delivered within " + timeout);
		}
		pause(SETTLE.multipliedBy(2));
		System.out.printf("Warmed up with %,d notifications%n", count);
		fake.clearSent();
	}

	/**
	 * Waits until the fake has recorded {@code total} sends or the deadline passes.
	 */
	private static boolean awaitSends(FakeTelegram fake, int total, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (fake.sentMessages().size() < total) {
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		return true;
	}

	private static void pause(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	private record StoreRun(DeliveryLoadResult result, boolean stopped) {
	}

}
