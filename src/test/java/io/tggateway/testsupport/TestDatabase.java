package io.tggateway.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the {@code jdbc} store's tests run against, one fresh schema per test
 * class:
 * <ol>
 * <li>the database named by the environment variable {@code TEST_DATABASE_URL} (CI
 * machines: {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres});</li>
 * <li>else a Testcontainers PostgreSQL, when a Docker engine answers;</li>
 * <li>else, with {@code CI=true}, the test fails (CI never skips these tests silently);
 * otherwise it is skipped, saying how to run it.</li>
 * </ol>
 */
public final class TestDatabase {

	private static final Duration STALE_SCHEMAS = Duration.ofHours(2);

	private static @Nullable String baseUrl;

	@SuppressWarnings("unused") // kept so the container lives as long as the tests
	private static @Nullable PostgreSQLContainer container;

	private TestDatabase() {
	}

	/**
	 * Creates a fresh, empty schema.
	 * @return its name and a JDBC URL whose default schema it is
	 */
	public static synchronized Schema freshSchema() {
		String base = baseUrl();
		String name = "t_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1_000_000);
		execute(base, "create schema " + name);
		return new Schema(name, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name);
	}

	/**
	 * Creates a fresh schema with the service's tables (its Flyway migrations applied),
	 * for tests that wire the {@code jdbc} store with {@code new}.
	 * @param maxConnections the most connections the pool opens
	 * @return a connection pool on the schema; the test closes it
	 */
	public static HikariDataSource migratedSchema(int maxConnections) {
		Schema schema = freshSchema();
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(schema.url());
		dataSource.setMaximumPoolSize(maxConnections);
		dataSource.setMinimumIdle(1);
		dataSource.setPoolName("test-" + schema.name());
		Flyway.configure().dataSource(dataSource).schemas(schema.name()).defaultSchema(schema.name()).load().migrate();
		return dataSource;
	}

	/**
	 * Points a Spring test context at a fresh schema with the {@code jdbc} store.
	 * @param registry the test's property registry
	 * @return the schema
	 */
	public static Schema register(DynamicPropertyRegistry registry) {
		Schema schema = freshSchema();
		registry.add("gateway.store.type", () -> "jdbc");
		registry.add("spring.datasource.url", schema::url);
		registry.add("spring.flyway.default-schema", schema::name);
		registry.add("spring.flyway.schemas", schema::name);
		return schema;
	}

	/**
	 * Runs one SQL statement.
	 * @param url the database
	 * @param sql the statement
	 */
	public static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed on the test database: " + sql, ex);
		}
	}

	private static synchronized void connect() {
		baseUrl();
	}

	private static String baseUrl() {
		if (baseUrl != null) {
			return baseUrl;
		}
		String url = System.getenv("TEST_DATABASE_URL");
		if (url == null || url.isBlank()) {
			url = containerUrl();
		}
		dropStaleSchemas(url);
		baseUrl = url;
		return url;
	}

	private static String containerUrl() {
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			docker = false;
		}
		if (!docker) {
			String why = "No PostgreSQL for the jdbc store's tests: set TEST_DATABASE_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or run a Docker engine";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(why + " (CI=true: these tests must not be skipped)");
			}
			Assumptions.abort(why);
		}
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
		postgres.start();
		container = postgres;
		return postgres.getJdbcUrl() + "&user=" + postgres.getUsername() + "&password=" + postgres.getPassword();
	}

	/**
	 * Drops schemas that earlier test runs left behind.
	 */
	private static void dropStaleSchemas(String url) {
		long cutoff = System.currentTimeMillis() - STALE_SCHEMAS.toMillis();
		List<String> stale = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url);
				ResultSet schemas = connection.getMetaData().getSchemas()) {
			while (schemas.next()) {
				String name = schemas.getString("TABLE_SCHEM");
				String[] parts = name.split("_");
				if (parts.length == 3 && "t".equals(parts[0]) && parts[1].matches("[0-9]{13}")
						&& Long.parseLong(parts[1]) < cutoff) {
					stale.add(name);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach the test database: " + ex.getMessage(), ex);
		}
		stale.forEach((name) -> execute(url, "drop schema if exists " + name + " cascade"));
	}

	/**
	 * Skips a test class when there is no PostgreSQL (and fails it with {@code CI=true}),
	 * before Spring builds its context: an assumption that fails while a context loads
	 * (in a {@code @DynamicPropertySource}) counts as an error, not as a skipped test.
	 */
	public static final class Available implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			try {
				connect();
				return ConditionEvaluationResult.enabled("PostgreSQL for the jdbc store's tests");
			}
			catch (TestAbortedException ex) {
				return ConditionEvaluationResult.disabled(ex.getMessage());
			}
		}

	}

	/**
	 * A schema of the test database.
	 *
	 * @param name the schema's name
	 * @param url a JDBC URL whose default schema it is
	 */
	public record Schema(String name, String url) {
	}

}
