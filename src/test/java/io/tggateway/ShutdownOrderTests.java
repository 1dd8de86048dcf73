package io.tggateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import io.tggateway.bot.TextHandler;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.lifecycle.LifecyclePhases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown order of DESIGN.md, observed on the real application: with an update in
 * flight, closing the context stops the poller first, lets the update finish, stops the
 * dispatcher, and only then confirms the offset with Telegram. Modelled on Spring
 * Framework's {@code DefaultLifecycleProcessorTests}: probes in the phases right below
 * each component record when it has stopped.
 */
class ShutdownOrderTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final List<String> events = new CopyOnWriteArrayList<>();

	private static final CountDownLatch handlerStarted = new CountDownLatch(1);

	private static final CountDownLatch releaseHandler = new CountDownLatch(1);

	private static final AtomicInteger callsWhenDispatcherStopped = new AtomicInteger();

	private static final FakeTelegram fake = FakeTelegram.start();

	@AfterEach
	void closeFake() {
		releaseHandler.countDown();
		fake.close();
	}

	@Test
	void whenTheContextClosesWithAnUpdateInFlightThenPollerStopsFirstAndTheOffsetIsConfirmedLast() throws Exception {
		ConfigurableApplicationContext context = new SpringApplication(TgGatewayApplication.class, Probes.class).run(
				"--spring.main.web-application-type=none", "--gateway.telegram.token=" + FakeTelegram.TOKEN,
				"--gateway.telegram.api-url=" + fake.baseUrl(), "--gateway.poller.timeout=30s");
		int update = fake.userSendsText(42, "hold me");
		assertThat(handlerStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Thread closing = Thread.ofPlatform().name("closing").start(context::close);
		await().atMost(WAIT).until(() -> events.contains("poller stopped"));
		// The dispatcher waits for the update in flight.
		await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> events.equals(List.of("poller stopped")));
		releaseHandler.countDown();
		closing.join(WAIT.toMillis());
		assertThat(closing.isAlive()).isFalse();
		assertThat(events).containsExactly("poller stopped", "update handled", "dispatcher stopped",
				"offset confirmed");
		assertThat(fake.confirmedUpTo()).isGreaterThan(update);
		assertThat(fake.deliveredUpdateIds()).containsExactly(update);
	}

	@Configuration(proxyBeanMethods = false)
	static class Probes {

		@Bean
		@Order(0)
		TextHandler holdingHandler() {
			return (Message message) -> {
				handlerStarted.countDown();
				if (!releaseHandler.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never released the handler");
				}
				events.add("update handled");
				return true;
			};
		}

		@Bean
		SmartLifecycle afterPoller() {
			return new Probe(LifecyclePhases.POLLER - 1, () -> events.add("poller stopped"));
		}

		@Bean
		SmartLifecycle afterDispatcher() {
			return new Probe(LifecyclePhases.DISPATCHER - 1, () -> {
				callsWhenDispatcherStopped.set(fake.getUpdatesCalls());
				events.add("dispatcher stopped");
			});
		}

		@Bean
		SmartLifecycle afterOffsetConfirmation() {
			return new Probe(LifecyclePhases.OFFSET_CONFIRMATION - 1, () -> {
				if (fake.getUpdatesCalls() == callsWhenDispatcherStopped.get() + 1) {
					events.add("offset confirmed");
				}
			});
		}

	}

	/**
	 * Records, when it is stopped, that the component one phase above it has stopped.
	 */
	private static final class Probe implements SmartLifecycle {

		private final int phase;

		private final Runnable onStop;

		private volatile boolean running;

		Probe(int phase, Runnable onStop) {
			this.phase = phase;
			this.onStop = onStop;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.onStop.run();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return this.phase;
		}

	}

}
