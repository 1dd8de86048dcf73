package io.tggateway.store;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With the {@code memory} store, keeps Spring Boot's database auto-configuration out:
 * there is no database to connect to, and a DataSource without a URL would stop startup.
 * With {@code jdbc} it lets everything through. It decides while the context refreshes,
 * with the final environment (test property sources included).
 */
final class MemoryStoreAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	private static final Set<String> DATABASE_AUTO_CONFIGURATIONS = Set.of(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration");

	private @Nullable Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean memory = !"jdbc".equals(storeType());
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = !memory || candidate == null || !DATABASE_AUTO_CONFIGURATIONS.contains(candidate);
		}
		return matches;
	}

	private String storeType() {
		String type = (this.environment != null) ? this.environment.getProperty(StoreProperties.TYPE) : null;
		return (type != null) ? type.trim().toLowerCase(Locale.ROOT) : "memory";
	}

}
