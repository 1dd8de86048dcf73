package io.tggateway.ops;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.ops.ManagementCalls.Reply;
import io.tggateway.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on the {@code jdbc} store, in one JVM: the second is a standby, and a
 * standby is ready (it serves the REST API) and healthy, with the database in its
 * readiness.
 */
@ExtendWith(TestDatabase.Available.class)
class StandbyReplicaTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final FakeTelegram fake = FakeTelegram.start();

	@AfterEach
	void closeFake() {
		this.fake.close();
	}

	@Test
	void whenAnotherReplicaLeadsThenThisOneIsAReadyHealthyStandby() {
		TestDatabase.Schema schema = TestDatabase.freshSchema();
		String[] jdbc = { "--gateway.store.type=jdbc", "--spring.datasource.url=" + schema.url(),
				"--spring.flyway.default-schema=" + schema.name(), "--spring.flyway.schemas=" + schema.name() };
		try (RunningGateway leader = RunningGateway.start(this.fake, List.of(), jdbc)) {
			await().atMost(WAIT)
				.until(() -> "leader"
					.equals(leader.management().get("/actuator/gateway").json().path("role").asString()));
			try (RunningGateway standby = RunningGateway.start(this.fake, List.of(), jdbc)) {
				await().atMost(WAIT)
					.until(() -> standby.management().get("/actuator/health/readiness").status() == 200);
				Reply readiness = standby.management().get("/actuator/health/readiness");
				assertThat(readiness.json().path("components").propertyNames())
					.containsExactlyInAnyOrder("readinessState", "botIdentity", "db");
				assertThat(readiness.componentStatus("db")).isEqualTo("UP");

				Reply health = standby.management().get("/actuator/health");
				assertThat(health.status()).isEqualTo(200);
				assertThat(health.detail("leadership", "role")).isEqualTo("standby");
				assertThat(health.detail("store", "type")).isEqualTo("jdbc");
				assertThat(health.componentStatus("telegram")).isEqualTo("UP");
				assertThat(health.detail("telegram", "poller")).isEqualTo("STOPPED");
				assertThat(health.componentStatus("delivery")).isEqualTo("UP");
				assertThat(health.detail("delivery", "sending")).isEqualTo("the leader");
				assertThat(standby.management().get("/actuator/gateway").json().path("role").asString())
					.isEqualTo("standby");

				assertThat(leader.management().get("/actuator/health").detail("leadership", "role"))
					.isEqualTo("leader");
				assertThat(leader.management().get("/actuator/gateway").json().path("store").asString())
					.isEqualTo("jdbc");
			}
		}
	}

}
