package io.tggateway.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.tggateway.testsupport.TestDatabase;

/**
 * The PostgreSQL of the {@code jdbc} store's benchmarks: one fresh schema per service
 * started, dropped when the runner is done with it. The database is the one named by
 * {@code --database-url}, else the environment variable {@code TEST_DATABASE_URL}, else
 * {@value #DEFAULT_URL} (the CI and development machines' PostgreSQL).
 *
 * @param url the JDBC URL whose default schema is {@code schema}
 * @param schema the schema's name
 * @param baseUrl the database's URL, without a schema
 */
record BenchDatabase(String url, String schema, String baseUrl) implements AutoCloseable {

	/**
	 * How long a runner waits for a service to start: long, because other builds may
	 * keep the machine's CPUs busy.
	 */
	static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	/**
	 * Creates a fresh schema.
	 * @param baseUrl the database
	 * @return the schema
	 */
	static BenchDatabase freshSchema(String baseUrl) {
		// Named like TestDatabase's schemas, so that a schema a killed run left behind is
		// dropped by the tests after two hours.
		String name = "t_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
		TestDatabase.execute(baseUrl, "create schema " + name);
		String url = String.format("%s%scurrentSchema=%s", baseUrl, baseUrl.contains("?") ? "&" : "?", name);
		return new BenchDatabase(url, name, baseUrl);
	}

	/**
	 * The database to use when no {@code --database-url} is given.
	 * @return {@code TEST_DATABASE_URL}, else {@value #DEFAULT_URL}
	 */
	static String defaultUrl() {
		String url = System.getenv("TEST_DATABASE_URL");
		return (url == null || url.isBlank()) ? DEFAULT_URL : url;
	}

	/**
	 * The service's arguments for the {@code jdbc} store on this schema.
	 * @return {@code --name=value} arguments, by name
	 */
	Map<String, String> serviceArgs() {
		Map<String, String> args = new LinkedHashMap<>();
		args.put("gateway.store.type", "jdbc");
		args.put("spring.datasource.url", this.url);
		args.put("spring.flyway.default-schema", this.schema);
		args.put("spring.flyway.schemas", this.schema);
		return args;
	}

	/**
	 * Drops the schema with everything in it.
	 */
	@Override
	public void close() {
		TestDatabase.execute(this.baseUrl, "drop schema if exists " + this.schema + " cascade");
	}

}
