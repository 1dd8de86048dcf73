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

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;
import io.tggateway.process.GatewayLaunch;
import io.tggateway.process.GatewayProcess;

/**
 * The service end to end under a burst: the packaged jar as a child process against the
 * fake Bot API, the echo handler on, every Bot API call answered after a fixed latency.
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

	private final LoadOptions options;

	private final FakeTelegram fake;

	private final GatewayProcess gateway;

	private EndToEndLoadRunner(LoadOptions options, FakeTelegram fake, GatewayProcess gateway) {
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
		List<RunResult> results = new ArrayList<>();
		boolean stoppedCleanly;
		try (FakeTelegram fake = FakeTelegram.start()) {
			fake.setLatency(options.latency());
			try (GatewayProcess gateway = startGateway(options, fake)) {
				EndToEndLoadRunner runner = new EndToEndLoadRunner(options, fake, gateway);
				int total = options.warmups() + options.runs();
				for (int run = 1; run <= total; run++) {
					boolean measured = run > options.warmups();
					String label = measured ? String.valueOf(run - options.warmups()) : "warm-up " + run;
					RunResult result = runner.run(run, label, measured);
					results.add(result);
					printDetails(result, options);
					if (!result.correct()) {
						// Late replies of this run would spoil the next one.
						break;
					}
				}
				stoppedCleanly = runner.stop();
			}
		}
		List<RunResult> measured = results.stream().filter(RunResult::measured).toList();
		printSummary(options, measured);
		boolean correct = results.stream().allMatch(RunResult::correct) && measured.size() == options.runs();
		double meanPercent = measured.stream().mapToDouble(RunResult::percentOfIdeal).average().orElse(0);
		boolean targetMet = meanPercent >= options.targetPercent();
		System.out.printf(Locale.ROOT, "%nCorrectness: %s. Target %.0f %% of ideal: %s (mean %.1f %%).%n",
				correct ? "every update answered exactly once, in order" : "FAILED", options.targetPercent(),
				targetMet ? "met" : "MISSED", meanPercent);
		if (!correct || !stoppedCleanly) {
			System.exit(2);
		}
		if (!targetMet && options.requireTarget()) {
			System.exit(3);
		}
	}

	private static GatewayProcess startGateway(LoadOptions options, FakeTelegram fake) {
		GatewayLaunch builder = GatewayProcess.builder("e2e-load")
			.jar(options.jar())
			.arg("gateway.telegram.token", FakeTelegram.TOKEN)
			.arg("gateway.telegram.api-url", fake.baseUrl())
			.arg("gateway.bot.echo.enabled", true)
			.arg("gateway.bot.echo.delay", options.handlerDelay().toMillis() + "ms")
			.arg("gateway.delivery.limits.enabled", false);
		options.jvmArgs().forEach(builder::jvmArg);
		options.gatewayArgs().forEach(builder::arg);
		GatewayProcess gateway = builder.start();
		System.out.printf("Service started: %s, log %s%n", gateway, gateway.logFile());
		return gateway;
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
		System.out.printf("Service stopped: exit code %s, dispatcher drained: %s%n",
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

	private static void printDetails(RunResult result, LoadOptions options) {
		System.out.printf(Locale.ROOT,
				"Run %s: %d/%d replies in %.3f s = %.0f replies/s (%.1f %% of ideal); release took %d ms; "
						+ "%d getUpdates calls (%.1f updates each); first reply per chat %s, last %s; "
						+ "mean gap between a chat's replies %.1f ms (ideal %d); service CPU %.2f s per 1,000 "
						+ "replies, runner and fake %.2f s, machine busy %.0f %%; order violations %d, duplicates %d, missing %d, unexpected %d%n",
				result.label(), result.received(), result.expected(), result.elapsed().toNanos() / 1e9, result.rate(),
				result.percentOfIdeal(), result.releaseTook().toMillis(), result.polls(),
				(double) result.expected() / Math.max(1, result.polls()), result.firstReplies(), result.lastReplies(),
				result.meanGap().toNanos() / 1e6, options.handlerDelay().plus(options.latency()).toMillis(),
				result.cpuPerThousand(), result.cpu().runner().toNanos() / 1e9 / (result.expected() / 1000.0),
				result.cpu().machineBusyPercent(), result.orderViolations(), result.duplicates(), result.missing(),
				result.unexpected());
	}

	private static void printSummary(LoadOptions options, List<RunResult> measured) {
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
		System.out.printf(Locale.ROOT, "%nSummary (%d chats x %d updates, echo delay %d ms, fake latency %d ms, "
				+ "fake TCP_NODELAY %s, ideal %.3f s = %,.0f replies/s; %d warm-up, %d measured runs against one "
				+ "service process):%n%n%s",
				options.chats(), options.updatesPerChat(), options.handlerDelay().toMillis(),
				options.latency().toMillis(), options.fakeNoDelay() ? "on" : "off",
				options.idealElapsed().toNanos() / 1e9, options.idealRate(),
				options.warmups(), measured.size(), table);
	}

}
