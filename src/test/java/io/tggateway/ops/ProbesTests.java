package io.tggateway.ops;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.Fault;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.ops.ManagementCalls.Reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes probes through the service's life: readiness waits for Telegram's
 * {@code getMe}, a rejected token keeps the pod alive but not ready (with the reason),
 * and readiness goes {@code OUT_OF_SERVICE} as soon as a graceful shutdown begins, while
 * liveness stays {@code UP}.
 */
class ProbesTests {

	private static final Duration WAIT = Duration.ofSeconds(40);

	private static final String SECRET = FakeTelegram.TOKEN.substring(FakeTelegram.TOKEN.indexOf(':') + 1);

	private static final CountDownLatch shutdownBegun = new CountDownLatch(1);

	private static final CountDownLatch releaseShutdown = new CountDownLatch(1);

	private final FakeTelegram fake = FakeTelegram.start();

	@AfterEach
	void closeFake() {
		this.fake.close();
	}

	@Test
	void whenTelegramHasNotAnsweredGetMeThenReadinessIsDownUntilItDoes() {
		this.fake.injectFaults("getMe", 10_000, Fault.SERVER_ERROR_JSON);
		try (RunningGateway gateway = RunningGateway.start(this.fake, List.of())) {
			Reply readiness = gateway.management().get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.healthStatus()).isEqualTo("DOWN");
			assertThat(readiness.componentStatus("readinessState")).isEqualTo("UP");
			assertThat(readiness.componentStatus("botIdentity")).isEqualTo("DOWN");
			assertThat(readiness.detail("botIdentity", "reason")).contains("getMe");
			assertThat(gateway.management().get("/actuator/health/liveness").status()).isEqualTo(200);

			this.fake.clearFaults();
			await().atMost(WAIT).until(() -> gateway.management().get("/actuator/health/readiness").status() == 200);
			assertThat(gateway.management().get("/actuator/health/readiness").detail("botIdentity", "username"))
				.isEqualTo("fake_bot");
		}
	}

	@Test
	void whenTelegramRejectsTheTokenThenThePodStaysAliveButNotReadyAndSaysWhy() {
		this.fake.revokeToken();
		try (RunningGateway gateway = RunningGateway.start(this.fake, List.of())) {
			await().atMost(WAIT)
				.until(() -> "DOWN".equals(gateway.management().get("/actuator/health").componentStatus("telegram")));
			Reply liveness = gateway.management().get("/actuator/health/liveness");
			assertThat(liveness.status()).isEqualTo(200);
			assertThat(liveness.healthStatus()).isEqualTo("UP");
			Reply readiness = gateway.management().get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.detail("botIdentity", "reason")).isEqualTo("token rejected");
			Reply health = gateway.management().get("/actuator/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.detail("telegram", "reason")).isEqualTo("token rejected");
			Reply state = gateway.management().get("/actuator/gateway");
			assertThat(state.json().path("bot").path("identity").asString()).isEqualTo("UNAUTHORIZED");
			assertThat(state.json().path("telegramErrors").get(0).path("kind").asString()).isEqualTo("Unauthorized");
			assertThat(readiness.body() + health.body() + state.body()).doesNotContain(SECRET);
		}
	}

	@Test
	void whenTheContextStartsClosingThenReadinessIsOutOfServiceAndLivenessStaysUp() throws Exception {
		RunningGateway gateway = RunningGateway.start(this.fake, List.of(HeldShutdown.class));
		await().atMost(WAIT).until(() -> gateway.management().get("/actuator/health/readiness").status() == 200);
		Thread closing = Thread.ofPlatform().name("closing").start(gateway::close);
		try {
			assertThat(shutdownBegun.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			Reply readiness = gateway.management().get("/actuator/health/readiness");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.healthStatus()).isEqualTo("OUT_OF_SERVICE");
			assertThat(readiness.componentStatus("readinessState")).isEqualTo("OUT_OF_SERVICE");
			Reply liveness = gateway.management().get("/actuator/health/liveness");
			assertThat(liveness.status()).isEqualTo(200);
			assertThat(liveness.healthStatus()).isEqualTo("UP");
		}
		finally {
			releaseShutdown.countDown();
			closing.join(WAIT.toMillis());
		}
		assertThat(closing.isAlive()).isFalse();
		assertThat(gateway.context().isActive()).isFalse();
	}

	/**
	 * Holds the shutdown right after the poller stopped, while the web servers still
	 * answer: where a pod spends its graceful shutdown.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HeldShutdown {

		@Bean
		SmartLifecycle heldShutdown() {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					this.running = false;
					shutdownBegun.countDown();
					try {
						releaseShutdown.await(WAIT.toSeconds(), TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return LifecyclePhases.POLLER - 1;
				}

			};
		}

	}

}
