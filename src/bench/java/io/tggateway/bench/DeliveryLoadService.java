package io.tggateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.tggateway.TgGatewayApplication;
import io.tggateway.delivery.AcceptResult;
import io.tggateway.delivery.NewNotification;
import io.tggateway.delivery.NotificationOutbox;
import io.tggateway.delivery.OutgoingMessage;
import io.tggateway.delivery.Recipient;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.process.GatewayLaunch;
import io.tggateway.process.GatewayProcess;

/**
 * The service a {@link DeliveryLoadRunner} run drives, with Telegram's send limits on and
 * either store:
 * the packaged jar as a child process, fed through {@code POST /api/v1/notifications},
 * or the application in the runner's own JVM, fed through {@link NotificationOutbox}.
 */
sealed interface DeliveryLoadService extends AutoCloseable {

	/** The client name the notifications are sent as. */
	String CLIENT = "bench";

	/**
	 * Accepts notifications, all at once, and returns when every one is accepted.
	 * @param notifications chat id and text of each
	 * @throws IllegalStateException if one was refused
	 */
	void accept(List<Map.Entry<Long, String>> notifications);

	/**
	 * The CPU time used so far by what {@link #cpuLabel()} says.
	 * @return the CPU time
	 */
	Duration cpu();

	String cpuLabel();

	/**
	 * Stops the service.
	 * @return whether it stopped cleanly
	 */
	boolean stop();

	@Override
	void close();

	/**
	 * The packaged jar as a child process; notifications go through the REST API, 64 at
	 * a time.
	 */
	final class Jar implements DeliveryLoadService {

		private static final String KEY = "bench-key-0123456789abcdef";

		private static final int CONCURRENT_CALLS = 64;

		private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);

		private final GatewayProcess gateway;

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final URI notifications;

		Jar(Path jar, FakeTelegram fake, List<String> jvmArgs, Map<String, String> serviceArgs) {
			GatewayLaunch launch = GatewayProcess.builder("delivery-load")
				.jar(jar)
				.arg("gateway.telegram.token", FakeTelegram.TOKEN)
				.arg("gateway.telegram.api-url", fake.baseUrl())
				.arg("gateway.api.keys." + CLIENT, KEY)
				.arg("gateway.api.requests-per-second", 100_000);
			jvmArgs.forEach(launch::jvmArg);
			serviceArgs.forEach(launch::arg);
			this.gateway = launch.start(BenchDatabase.START_TIMEOUT);
			this.notifications = URI.create("http://127.0.0.1:" + this.gateway.serverPort() + "/api/v1/notifications");
		}

		@Override
		public void accept(List<Map.Entry<Long, String>> batch) {
			Semaphore calls = new Semaphore(CONCURRENT_CALLS);
			AtomicReference<@Nullable String> problem = new AtomicReference<>();
			try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
				for (Map.Entry<Long, String> notification : batch) {
					calls.acquireUninterruptibly();
					threads.execute(() -> {
						try {
							post(notification.getKey(), notification.getValue(), problem);
						}
						finally {
							calls.release();
						}
					});
				}
			}
			String refused = problem.get();
			if (refused != null) {
				throw new IllegalStateException(refused);
			}
		}

		private void post(long chatId, String text, AtomicReference<@Nullable String> problem) {
			HttpRequest request = HttpRequest.newBuilder(this.notifications)
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"chatId\":" + chatId + ",\"text\":\"" + text + "\"}"))
				.build();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 202) {
					problem.compareAndSet(null, "POST answered " + response.statusCode() + ": " + response.body());
				}
			}
			catch (IOException ex) {
				problem.compareAndSet(null, "POST failed: " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				problem.compareAndSet(null, "interrupted");
			}
		}

		@Override
		public Duration cpu() {
			return this.gateway.cpuTime();
		}

		@Override
		public String cpuLabel() {
			return "service process " + this.gateway.pid();
		}

		@Override
		public boolean stop() {
			this.gateway.sigterm();
			OptionalInt exitCode = this.gateway.awaitExit(STOP_DEADLINE);
			return exitCode.isPresent() && this.gateway.log().contains("Delivery stopped with an empty outbox");
		}

		@Override
		public void close() {
			this.gateway.close();
		}

		@Override
		public String toString() {
			return this.gateway + ", log " + this.gateway.logFile();
		}

	}

	/**
	 * The application in the runner's JVM; notifications go straight to the outbox.
	 */
	final class InProcess implements DeliveryLoadService {

		private final ConfigurableApplicationContext context;

		private final NotificationOutbox outbox;

		InProcess(FakeTelegram fake, Map<String, String> serviceArgs) {
			List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
					"--management.server.port=0", "--logging.level.root=WARN", "--logging.level.io.tggateway=INFO",
					"--gateway.telegram.token=" + FakeTelegram.TOKEN, "--gateway.telegram.api-url=" + fake.baseUrl()));
			serviceArgs.forEach((name, value) -> args.add("--" + name + "=" + value));
			this.context = new SpringApplication(TgGatewayApplication.class).run(args.toArray(String[]::new));
			this.outbox = this.context.getBean(NotificationOutbox.class);
		}

		@Override
		public void accept(List<Map.Entry<Long, String>> batch) {
			for (Map.Entry<Long, String> notification : batch) {
				AcceptResult result = this.outbox.accept(new NewNotification(CLIENT,
						new Recipient.Chat(notification.getKey()), OutgoingMessage.plain(notification.getValue()), null));
				if (!(result instanceof AcceptResult.Accepted)) {
					throw new IllegalStateException("The outbox refused a notification: " + result);
				}
			}
		}

		@Override
		public Duration cpu() {
			return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
		}

		@Override
		public String cpuLabel() {
			return "runner JVM: service, fake and runner together";
		}

		@Override
		public boolean stop() {
			this.context.close();
			return !this.context.isActive();
		}

		@Override
		public void close() {
			if (this.context.isActive()) {
				this.context.close();
			}
		}

		@Override
		public String toString() {
			return "the application in this JVM";
		}

	}

}
