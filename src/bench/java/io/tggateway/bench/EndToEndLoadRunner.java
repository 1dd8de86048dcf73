package io.tggateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.process.GatewayLaunch;
import io.tggateway.process.GatewayProcess;

/**
 * The service end to end under a burst: the packaged jar as a child process against the
 * fake Bot API, the echo handler on, every Bot API call answered after a fixed latency.
 * With {@code --stores=memory,jdbc} it starts one service per store (the {@code jdbc}
 * one on a fresh schema, dropped afterwards), each against its own fake, and the runs
 * alternate between them, so that both are measured in the same conditions.
 * Run with {@code ./mvnw -B -Pbench -DskipTests package exec:exec@e2e} (options with
 * {@code -De2e.args="..."}, see {@link LoadOptions#USAGE}).
 *
 * <h2>How it works</h2> It starts the service once and waits until it is idle in a long
 * poll. Each run then releases {@code chats x updates-per-chat} messages into the fake at
 * once (round-robin over the chats, as many users writing at the same time would) and
 * waits until the fake has recorded a reply for each. Elapsed time runs from the release
 * to the last reply the fake recorded. Per chat, the best possible time is
 * {@code updates-per-chat x (delay + latency)}: the chat's updates are handled one after
 * another, each waits for its reply's answer. Every run checks that each update got
 * exactly one reply, in order per chat. The first runs warm the service up and are not
 * counted.
 * <p>
 * The exit code is 0 if every run was correct, 2 if any was not (or the service did not
 * stop cleanly), 3 if {@code --require-target} is given and the target was missed.
 */
public final class EndToEndLoadRunner {

	/**
	 * The JDK HTTP server's switch for {@code TCP_NODELAY}, read once, when its first
	 * server starts.
	 */
	static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final long FIRST_CHAT = 10_000;

	private static final Duration IDLE_WAIT = Duration.ofSeconds(30);

	private static final Duration SETTLE = Duration.ofMillis(500);

	private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final String store;

	private final LoadOptions options;

	private final FakeTelegram fake;

	private final GatewayProcess gateway;

	private EndToEndLoadRunner(String store, LoadOptions options, FakeTelegram fake, GatewayProcess gateway) {
		this.store = store;
		this.options = options;
		this.fake = fake;
		this.gateway = gateway;
	}

	public static void main(String[] args) {
		LoadOptions options = LoadOptions.parse(args);
		// Without TCP_NODELAY the JDK server sends an answer above its 8 KB buffer in two
		// writes, and Nagle holds the second until the client's delayed ACK (40 ms):
		// every full getUpdates batch would cost 40 ms more than Telegram takes.
		System.setProperty(NODELAY_PROPERTY, String.valueOf(options.fakeNoDelay()));
		printScenario(options);
		Map<String, List<RunResult>> results = new LinkedHashMap<>();
		boolean stoppedCleanly = true;
		List<EndToEndLoadRunner> runners = new ArrayList<>();
		List<AutoCloseable> resources = new ArrayList<>();
		try {
			for (String store : options.stores()) {
				FakeTelegram fake = FakeTelegram.start();
				resources.add(fake);
				fake.setLatency(options.latency());
				BenchDatabase database = null;
				if (store.equals("jdbc")) {
					database = BenchDatabase.freshSchema(options.databaseUrl());
					resources.add(database);
				}
				GatewayProcess gateway = startGateway(options, fake, database);
				resources.add(gateway);
				runners.add(new EndToEndLoadRunner(store, options, fake, gateway));
				results.put(store, new ArrayList<>());
			}
			int total = options.warmups() + options.runs();
			boolean correct = true;
			for (int run = 1; run <= total && correct; run++) {
				boolean measured = run > options.warmups();
				String label = measured ? String.valueOf(run - options.warmups()) : "warm-up " + run;
				// The stores take turns, and the first of each run rotates: a noisy moment
				// then hits every store alike.
				for (int i = 0; i < runners.size() && correct; i++) {
					EndToEndLoadRunner runner = runners.get((i + run) % runners.size());
					RunResult result = runner.run(run, label, measured);
					results.computeIfAbsent(runner.store, (key) -> new ArrayList<>()).add(result);
					printDetails(runner.store, result, options);
					// Late replies of a failed run would spoil the next one.
					correct = result.correct();
				}
			}
			for (EndToEndLoadRunner runner : runners) {
				stoppedCleanly &= runner.stop();
			}
		}
		finally {
			for (int i = resources.size() - 1; i >= 0; i--) {
				close(resources.get(i));
			}
		}
		boolean correct = true;
		boolean targetMet = true;
		Map<String, Double> meanRates = new LinkedHashMap<>();
		for (Map.Entry<String, List<RunResult>> entry : results.entrySet()) {
			List<RunResult> measured = entry.getValue().stream().filter(RunResult::measured).toList();
			printSummary(entry.getKey(), options, measured);
			boolean storeCorrect = entry.getValue().stream().allMatch(RunResult::correct)
					&& measured.size() == options.runs();
			double meanPercent = measured.stream().mapToDouble(RunResult::percentOfIdeal).average().orElse(0);
			meanRates.put(entry.getKey(), measured.stream().mapToDouble(RunResult::rate).average().orElse(0));
			boolean storeMet = meanPercent >= options.targetPercent();
			System.out.printf(Locale.ROOT, "%n%s store: correctness: %s. Target %.0f %% of ideal: %s (mean %.1f %%).%n",
					entry.getKey(), storeCorrect ? "every update answered exactly once, in order" : "FAILED",
					options.targetPercent(), storeMet ? "met" : "MISSED", meanPercent);
			correct &= storeCorrect;
			targetMet &= storeMet || !entry.getKey().equals("memory");
		}
		if (meanRates.containsKey("memory") && meanRates.containsKey("jdbc")) {
			double percent = 100 * meanRates.get("jdbc") / Math.max(1, meanRates.get("memory"));
			boolean jdbcMet = percent >= options.targetJdbcPercent();
			System.out.printf(Locale.ROOT,
					"jdbc store against memory store, same run: %,.0f / %,.0f replies/s = %.1f %%; target %.0f %%: %s.%n",
					meanRates.get("jdbc"), meanRates.get("memory"), percent, options.targetJdbcPercent(),
					jdbcMet ? "met" : "MISSED");
			targetMet &= jdbcMet;
		}
		if (!correct || !stoppedCleanly) {
			System.exit(2);
		}
		if (!targetMet && options.requireTarget()) {
			System.exit(3);
		}
	}

	private static GatewayProcess startGateway(LoadOptions options, FakeTelegram fake,
			@Nullable BenchDatabase database) {
		GatewayLaunch builder = GatewayProcess.builder((database != null) ? "e2e-load-jdbc" : "e2e-load")
			.jar(options.jar())
			.arg("gateway.telegram.token", FakeTelegram.TOKEN)
			.arg("gateway.telegram.api-url", fake.baseUrl())
			.arg("gateway.bot.echo.enabled", true)
			.arg("gateway.bot.echo.delay", options.handlerDelay().toMillis() + "ms")
			.arg("gateway.delivery.limits.enabled", false);
		if (database != null) {
			database.serviceArgs().forEach(builder::arg);
		}
		options.jvmArgs().forEach(builder::jvmArg);
		options.gatewayArgs().forEach(builder::arg);
		GatewayProcess gateway = builder.start(BenchDatabase.START_TIMEOUT);
		System.out.printf("Service started: %s, log %s%n", gateway, gateway.logFile());
		return gateway;
	}

	private static void close(AutoCloseable resource) {
		try {
			resource.close();
		}
		catch (Exception ex) {
			System.out.printf("Could not close %s: %s%n", resource, ex);
		}
	}

	private RunResult run(int run, String label, boolean measured) {
		this.fake.clearSent();
		awaitIdle();
		int total = this.options.totalUpdates();
		Map<Long, List<String>> sentByChat = new LinkedHashMap<>();
		List<String> texts = new ArrayList<>(total);
		List<Long> chats = new ArrayList<>(total);
		for (int seq = 0; seq < this.options.updatesPerChat(); seq++) {
			for (long chat = FIRST_CHAT; chat < FIRST_CHAT + this.options.chats(); chat++) {
				String text = "run " + run + " chat " + chat + " #" + seq;
				texts.add(text);
				chats.add(chat);
				sentByChat.computeIfAbsent(chat, (key) -> new ArrayList<>()).add(text);
			}
		}
		int attemptsBefore = this.fake.sendAttempts();
		int pollsBefore = this.fake.calls("getUpdates");
		CpuSample cpuBefore = CpuSample.take(this.gateway);
		long releasedAt = System.nanoTime();
		for (int i = 0; i < total; i++) {
			this.fake.userSendsText(chats.get(i), texts.get(i));
		}
		long releaseDone = System.nanoTime();
		boolean complete = awaitCondition(() -> this.fake.sendAttempts() - attemptsBefore >= total,
				this.options.runTimeout());
		CpuSample.Used cpu = CpuSample.take(this.gateway).since(cpuBefore);
		int polls = this.fake.calls("getUpdates") - pollsBefore;
		if (!complete) {
			System.out.printf("Run %s: only %d of %d replies within %s%n", label,
					this.fake.sendAttempts() - attemptsBefore, total, this.options.runTimeout());
		}
		// Late duplicates would show up right after the last reply.
		pause(SETTLE);
		List<SentMessage> replies = this.fake.sentMessages();
		return RunResult.analyse(label, measured, this.options, sentByChat, replies, releasedAt, releaseDone, cpu,
				polls);
	}

	/**
	 * Waits until the service holds a long poll and sends nothing more.
	 */
	private void awaitIdle() {
		boolean idle = awaitCondition(() -> {
			int attempts = this.fake.sendAttempts();
			boolean sending = awaitCondition(() -> this.fake.sendAttempts() != attempts, Duration.ofMillis(200));
			return !sending && this.fake.pollInProgress();
		}, IDLE_WAIT);
		if (!idle) {
			throw new IllegalStateException("The service did not become idle within " + IDLE_WAIT);
		}
	}

	private boolean stop() {
		this.gateway.sigterm();
		OptionalInt exitCode = this.gateway.awaitExit(STOP_DEADLINE);
		boolean graceful = this.gateway.log().contains("Dispatcher drained in");
		System.out.printf("Service (%s store) stopped: exit code %s, dispatcher drained: %s%n", this.store,
				exitCode.isPresent() ? String.valueOf(exitCode.getAsInt()) : "none within " + STOP_DEADLINE, graceful);
		return exitCode.isPresent() && graceful;
	}

	/**
	 * Polls {@code condition} until it holds or {@code timeout} passes.
	 * @return whether it held
	 */
	private static boolean awaitCondition(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
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

	private static void printScenario(LoadOptions options) {
		Runtime runtime = Runtime.getRuntime();
		System.out.printf(Locale.ROOT, """
				End-to-end load: %d chats x %d updates = %d updates released at once; echo delay %d ms, \
				fake latency %d ms per call, fake TCP_NODELAY %s
				Ideal: %d x (%d + %d) ms = %.3f s per chat, %.0f replies/s
				JVM (runner and service): %s %s (%s); OS: %s %s %s, %d CPUs; service JVM options: %s
				""", options.chats(), options.updatesPerChat(), options.totalUpdates(),
				options.handlerDelay().toMillis(), options.latency().toMillis(), options.fakeNoDelay(),
				options.updatesPerChat(),
				options.handlerDelay().toMillis(), options.latency().toMillis(),
				options.idealElapsed().toNanos() / 1e9, options.idealRate(), System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
				System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
				runtime.availableProcessors(), options.jvmArgs().isEmpty() ? "(defaults)" : options.jvmArgs());
	}

	private static void printDetails(String store, RunResult result, LoadOptions options) {
		System.out.printf(Locale.ROOT,
				"%s store, run %s: %d/%d replies in %.3f s = %.0f replies/s (%.1f %% of ideal); release took %d ms; "
						+ "%d getUpdates calls (%.1f updates each); first reply per chat %s, last %s; "
						+ "mean gap between a chat's replies %.1f ms (ideal %d); service CPU %.2f s per 1,000 "
						+ "replies, runner and fake %.2f s, machine busy %.0f %%; order violations %d, duplicates %d, missing %d, unexpected %d%n",
				store, result.label(), result.received(), result.expected(), result.elapsed().toNanos() / 1e9, result.rate(),
				result.percentOfIdeal(), result.releaseTook().toMillis(), result.polls(),
				(double) result.expected() / Math.max(1, result.polls()), result.firstReplies(), result.lastReplies(),
				result.meanGap().toNanos() / 1e6, options.handlerDelay().plus(options.latency()).toMillis(),
				result.cpuPerThousand(), result.cpu().runner().toNanos() / 1e9 / (result.expected() / 1000.0),
				result.cpu().machineBusyPercent(), result.orderViolations(), result.duplicates(), result.missing(),
				result.unexpected());
	}

	private static void printSummary(String store, LoadOptions options, List<RunResult> measured) {
		StringBuilder table = new StringBuilder();
		table.append("| run | elapsed (s) | replies/s | % of ideal | order violations | duplicates | missing "
				+ "| service CPU s / 1,000 replies |\n");
		table.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (RunResult result : measured) {
			table.append(String.format(Locale.ROOT, "| %s | %.3f | %,.0f | %.1f | %d | %d | %d | %.3f |%n",
					result.label(), result.elapsed().toNanos() / 1e9, result.rate(), result.percentOfIdeal(),
					result.orderViolations(), result.duplicates(), result.missing(), result.cpuPerThousand()));
		}
		if (!measured.isEmpty()) {
			table.append(String.format(Locale.ROOT, "| mean | %.3f | %,.0f | %.1f | %d | %d | %d | %.3f |%n",
					measured.stream().mapToDouble((result) -> result.elapsed().toNanos() / 1e9).average().orElse(0),
					measured.stream().mapToDouble(RunResult::rate).average().orElse(0),
					measured.stream().mapToDouble(RunResult::percentOfIdeal).average().orElse(0),
					measured.stream().mapToInt(RunResult::orderViolations).sum(),
					measured.stream().mapToInt(RunResult::duplicates).sum(),
					measured.stream().mapToInt(RunResult::missing).sum(),
					measured.stream().mapToDouble(RunResult::cpuPerThousand).average().orElse(0)));
		}
		System.out.printf(Locale.ROOT, "%nSummary, %s store (%d chats x %d updates, echo delay %d ms, fake latency %d ms, "
				+ "fake TCP_NODELAY %s, ideal %.3f s = %,.0f replies/s; %d warm-up, %d measured runs against one "
				+ "service process):%n%n%s",
				store, options.chats(), options.updatesPerChat(), options.handlerDelay().toMillis(),
				options.latency().toMillis(), options.fakeNoDelay() ? "on" : "off",
				options.idealElapsed().toNanos() / 1e9, options.idealRate(),
				options.warmups(), measured.size(), table);
	}

}
