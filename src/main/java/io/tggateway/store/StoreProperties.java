package io.tggateway.store;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The store ({@code gateway.store}).
 *
 * @param type {@code memory} (default) or {@code jdbc} (PostgreSQL, configured with the
 * usual {@code spring.datasource.*})
 */
@Validated
@ConfigurationProperties("gateway.store")
public record StoreProperties(@NotNull @DefaultValue("memory") StoreType type) {

	/**
	 * The property that selects the store.
	 */
	public static final String TYPE = "gateway.store.type";

}
