package io.tggateway.ops;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.tggateway.TgGatewayApplication;
import io.tggateway.fake.FakeTelegram;

/**
 * The whole service started in-process against a fake, on ephemeral ports, for tests that
 * need several instances or close one themselves.
 *
 * @param context the application
 * @param management the Actuator on its management port
 */
record RunningGateway(ConfigurableApplicationContext context, ManagementCalls management) implements AutoCloseable {

	/**
	 * Starts the service.
	 * @param fake the Bot API
	 * @param extraSources more configuration classes
	 * @param args more arguments ({@code --name=value})
	 * @return the running service
	 */
	static RunningGateway start(FakeTelegram fake, List<Class<?>> extraSources, String... args) {
		List<Class<?>> sources = new ArrayList<>();
		sources.add(TgGatewayApplication.class);
		sources.addAll(extraSources);
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--gateway.telegram.token=" + FakeTelegram.TOKEN, "--gateway.telegram.api-url=" + fake.baseUrl(),
				"--gateway.poller.timeout=1s", "--gateway.ops.details-key=" + ManagementCalls.DETAILS_KEY));
		all.addAll(List.of(args));
		ConfigurableApplicationContext context = new SpringApplication(sources.toArray(Class<?>[]::new))
			.run(all.toArray(String[]::new));
		Integer port = context.getEnvironment().getProperty("local.management.port", Integer.class);
		if (port == null) {
			context.close();
			throw new IllegalStateException("the management server did not start");
		}
		return new RunningGateway(context, new ManagementCalls(port));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
