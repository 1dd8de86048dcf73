package io.tggateway.cluster;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.tggateway.TgGatewayApplication;
import io.tggateway.fake.FakeTelegram;
import io.tggateway.testsupport.TestDatabase;

/**
 * Starts the whole service in this JVM as one replica of the {@code jdbc} store, on
 * ephemeral ports, against the fake Bot API, with the echo handler on: several of them on
 * one schema make a cluster.
 */
final class InProcessReplica {

	private InProcessReplica() {
	}

	/**
	 * Starts a replica.
	 * @param fake the Bot API
	 * @param schema the schema of the store
	 * @param url the JDBC URL to reach it by (the schema's, or one through a proxy)
	 * @param more more arguments ({@code --name=value})
	 * @return the running replica; the caller closes it
	 */
	static ConfigurableApplicationContext start(FakeTelegram fake, TestDatabase.Schema schema, String url,
			String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--gateway.telegram.token=" + FakeTelegram.TOKEN, "--gateway.telegram.api-url=" + fake.baseUrl(),
				"--gateway.store.type=jdbc", "--spring.datasource.url=" + url,
				"--spring.flyway.default-schema=" + schema.name(), "--spring.flyway.schemas=" + schema.name(),
				"--gateway.bot.echo.enabled=true"));
		args.addAll(List.of(more));
		return new SpringApplication(TgGatewayApplication.class).run(args.toArray(String[]::new));
	}

}
