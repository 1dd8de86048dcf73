package io.tggateway.process;

import java.time.Duration;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.testsupport.TestDatabase.Schema;

/**
 * The jar with the {@code jdbc} store on one schema of the test database, against the
 * fake Bot API: several processes launched with the same schema are replicas of one
 * service. Short poll timeouts and lock lifetimes keep crash and failover tests quick.
 */
final class JdbcGatewayLaunch {

	/**
	 * The API key of the client {@code test}.
	 */
	static final String API_KEY = "crash-tests-api-key-0123456789";

	/**
	 * What a replica logs when it becomes the leader.
	 */
	static final String LEADS_LINE = "leads: starting the poller";

	/**
	 * The long poll's timeout ({@code gateway.poller.timeout}).
	 */
	static final Duration POLL_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The leader lock's lifetime ({@code gateway.cluster.lock-ttl}, its minimum); the
	 * heartbeat stays at its default of 2 s.
	 */
	static final Duration LOCK_TTL = Duration.ofSeconds(8);

	/**
	 * How many deliveries are sent at once ({@code gateway.delivery.senders}, the
	 * default).
	 */
	static final int SENDERS = 16;

	private JdbcGatewayLaunch() {
	}

	/**
	 * Describes one replica, with the echo handler on (replies after 20 ms) and no send
	 * limits.
	 * @param name a short name for its log file
	 * @param fake the fake Bot API
	 * @param schema the schema all replicas share
	 * @return the launch, to add arguments to or start
	 */
	static GatewayLaunch replica(String name, FakeTelegram fake, Schema schema) {
		return GatewayProcess.builder(name)
			.jvmArg("-Xmx384m")
			.jvmArg("-XX:TieredStopAtLevel=1")
			.arg("gateway.telegram.token", FakeTelegram.TOKEN)
			.arg("gateway.telegram.api-url", fake.baseUrl())
			.arg("gateway.store.type", "jdbc")
			.arg("spring.datasource.url", schema.url())
			.arg("spring.datasource.hikari.maximum-pool-size", 8)
			.arg("spring.flyway.default-schema", schema.name())
			.arg("spring.flyway.schemas", schema.name())
			.arg("gateway.bot.echo.enabled", true)
			.arg("gateway.bot.echo.delay", "20ms")
			.arg("gateway.poller.timeout", POLL_TIMEOUT.toSeconds() + "s")
			.arg("gateway.cluster.lock-ttl", LOCK_TTL.toSeconds() + "s")
			.arg("gateway.delivery.limits.enabled", false)
			.arg("gateway.delivery.senders", SENDERS)
			.arg("gateway.api.keys.test", API_KEY)
			.arg("gateway.api.requests-per-second", 100_000);
	}

}
