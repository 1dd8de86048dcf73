package io.tggateway.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The packaged service ({@code target/tg-gateway.jar}) running as a child process of the
 * current JVM, with its output in a log file under {@code target/gateway-process/}.
 * <p>
 * It runs on the JDK that runs the caller, listens on free loopback ports, and does not
 * inherit {@code GATEWAY_*} environment variables, so only the arguments given decide its
 * configuration. Every wait has a deadline; {@link #close()} kills what is still running.
 *
 * <pre class="code">
 * try (GatewayProcess gateway = GatewayProcess.builder("echo")
 * 	.arg("gateway.telegram.token", FakeTelegram.TOKEN)
 * 	.arg("gateway.telegram.api-url", fake.baseUrl())
 * 	.start()) {
 * 	gateway.sigterm();
 * 	OptionalInt exitCode = gateway.awaitExit(Duration.ofSeconds(15));
 * }
 * </pre>
 */
public final class GatewayProcess implements AutoCloseable {

	/**
	 * The line Spring Boot logs once the application context has started.
	 */
	public static final String STARTED_LINE = "Started TgGatewayApplication";

	/**
	 * The system property with the jar's path (failsafe sets it).
	 */
	public static final String JAR_PROPERTY = "gateway.jar";

	private static final String DEFAULT_JAR = "target/tg-gateway.jar";

	private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

	private final String name;

	private final Process process;

	private final Path logFile;

	private final int serverPort;

	private final int managementPort;

	GatewayProcess(String name, Process process, Path logFile, int serverPort, int managementPort) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
		this.serverPort = serverPort;
		this.managementPort = managementPort;
	}

	/**
	 * Starts describing a process.
	 * @param name a short name for the log file and messages, such as {@code first}
	 * @return a builder
	 */
	public static GatewayLaunch builder(String name) {
		return new GatewayLaunch(name);
	}

	/**
	 * The jar to run: system property {@value #JAR_PROPERTY}, else
	 * {@code target/tg-gateway.jar}.
	 * @return the jar's absolute path
	 */
	public static Path jar() {
		return Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR)).toAbsolutePath();
	}

	/**
	 * Waits until the application has started.
	 * @param timeout the longest wait
	 * @throws IllegalStateException if the process ended first or the time ran out; the
	 * message holds the log
	 */
	public void awaitStarted(Duration timeout) {
		awaitLog(STARTED_LINE, timeout);
	}

	/**
	 * Waits until the log contains {@code text}.
	 * @param text the text to wait for
	 * @param timeout the longest wait
	 * @throws IllegalStateException if the process ended first or the time ran out; the
	 * message holds the log
	 */
	public void awaitLog(String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			if (log().contains(text)) {
				return;
			}
			if (!this.process.isAlive()) {
				// The last lines may have been written just before the exit.
				if (log().contains(text)) {
					return;
				}
				throw new IllegalStateException(this + " exited with " + this.process.exitValue() + " before logging '"
						+ text + "'. Log:\n" + log());
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new IllegalStateException(
						this + " did not log '" + text + "' within " + timeout + ". Log:\n" + log());
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	/**
	 * Sends SIGTERM (what Kubernetes sends on a pod stop).
	 */
	public void sigterm() {
		this.process.destroy();
	}

	/**
	 * Sends SIGINT (Ctrl+C), through {@code kill -INT}: Java cannot send it itself.
	 */
	public void sigint() {
		signal("INT");
	}

	/**
	 * Sends SIGKILL: the process ends at once, without any shutdown.
	 */
	public void sigkill() {
		this.process.destroyForcibly();
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).redirectErrorStream(true)
				.start();
			if (!kill.waitFor(KILL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
				kill.destroyForcibly();
				throw new IllegalStateException("kill -" + signal + " " + pid() + " did not finish");
			}
			if (kill.exitValue() != 0) {
				String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run kill -" + signal, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending SIG" + signal, ex);
		}
	}

	/**
	 * Waits for the process to end.
	 * @param timeout the longest wait
	 * @return the exit code, or empty if the process still runs after {@code timeout}
	 */
	public OptionalInt awaitExit(Duration timeout) {
		try {
			if (this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
				return OptionalInt.of(this.process.exitValue());
			}
			return OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalInt.empty();
		}
	}

	/**
	 * Whether the process still runs.
	 * @return {@code true} until it ends
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * The CPU time the process has used so far, user and system, all threads.
	 * @return the CPU time
	 * @throws IllegalStateException if the operating system does not tell (or the process
	 * has ended)
	 */
	public Duration cpuTime() {
		return this.process.toHandle()
			.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("The CPU time of " + this + " is not available"));
	}

	/**
	 * Everything the process wrote to stdout and stderr so far.
	 * @return the log's content
	 */
	public String log() {
		try {
			return new String(Files.readAllBytes(this.logFile), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + this.logFile, ex);
		}
	}

	/**
	 * The file stdout and stderr go to.
	 * @return the log file
	 */
	public Path logFile() {
		return this.logFile;
	}

	/**
	 * The process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * The REST port ({@code server.port}) on 127.0.0.1.
	 * @return the port
	 */
	public int serverPort() {
		return this.serverPort;
	}

	/**
	 * The Actuator port ({@code management.server.port}) on 127.0.0.1.
	 * @return the port
	 */
	public int managementPort() {
		return this.managementPort;
	}

	/**
	 * Kills the process if it still runs, and waits (bounded) until it is gone.
	 */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			sigkill();
			awaitExit(KILL_TIMEOUT);
		}
	}

	@Override
	public String toString() {
		return "gateway '" + this.name + "' (pid " + pid() + ")";
	}

}
