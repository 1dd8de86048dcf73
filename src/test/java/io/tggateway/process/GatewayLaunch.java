package io.tggateway.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GatewayProcess} starts: the jar, JVM options and {@code --name=value}
 * application arguments. The process runs on the JDK of the current JVM, on free loopback
 * ports, without the {@code GATEWAY_*} environment variables of the current process.
 */
public final class GatewayLaunch {

	private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

	private final String name;

	private final List<String> jvmArgs = new ArrayList<>();

	private final Map<String, String> args = new LinkedHashMap<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private Path jar = GatewayProcess.jar();

	GatewayLaunch(String name) {
		this.name = name;
	}

	/**
	 * Uses another jar than {@link GatewayProcess#jar()}.
	 * @param jar the jar
	 * @return this builder
	 */
	public GatewayLaunch jar(Path jar) {
		this.jar = jar.toAbsolutePath();
		return this;
	}

	/**
	 * Adds a JVM option, such as {@code -Xmx512m}.
	 * @param option the option
	 * @return this builder
	 */
	public GatewayLaunch jvmArg(String option) {
		this.jvmArgs.add(option);
		return this;
	}

	/**
	 * Sets an application argument, passed as {@code --name=value}. The ports and
	 * addresses are set by the process itself.
	 * @param name the property, such as {@code gateway.bot.echo.enabled}
	 * @param value its value; an empty string passes {@code --name=}
	 * @return this builder
	 */
	public GatewayLaunch arg(String name, Object value) {
		if (name.startsWith("server.") || name.startsWith("management.server.")) {
			throw new IllegalArgumentException(name + " is chosen by GatewayProcess (free loopback ports)");
		}
		this.args.put(name, String.valueOf(value));
		return this;
	}

	/**
	 * Sets an environment variable of the process ({@code GATEWAY_*} ones are not
	 * inherited).
	 * @param name the variable
	 * @param value its value
	 * @return this builder
	 */
	public GatewayLaunch env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	/**
	 * Starts the process and waits up to a minute until the application has started.
	 * @return the running process
	 * @throws IllegalStateException if it did not start; the message holds its log
	 */
	public GatewayProcess start() {
		return start(DEFAULT_START_TIMEOUT);
	}

	/**
	 * Starts the process and waits until the application has started.
	 * @param timeout the longest wait
	 * @return the running process
	 * @throws IllegalStateException if it did not start; the message holds its log
	 */
	public GatewayProcess start(Duration timeout) {
		GatewayProcess started = launch();
		try {
			started.awaitStarted(timeout);
			return started;
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
	}

	/**
	 * Starts the process without waiting for anything (to watch a failing startup).
	 * @return the process
	 */
	public GatewayProcess launch() {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalStateException(
					this.jar + " does not exist: run './mvnw package' (failsafe and the bench profile do)");
		}
		int serverPort = freePort();
		int managementPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(javaCommand());
		command.addAll(this.jvmArgs);
		command.add("-jar");
		command.add(this.jar.toString());
		command.add("--server.address=127.0.0.1");
		command.add("--server.port=" + serverPort);
		command.add("--management.server.address=127.0.0.1");
		command.add("--management.server.port=" + managementPort);
		this.args.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Path directory = Files.createDirectories(this.jar.resolveSibling("gateway-process"));
			Path logFile = Files.createTempFile(directory, this.name + "-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(logFile.toFile());
			builder.environment().keySet().removeIf((key) -> key.startsWith("GATEWAY_"));
			builder.environment().putAll(this.environment);
			return new GatewayProcess(this.name, builder.start(), logFile, serverPort, managementPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + command, ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on loopback", ex);
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
