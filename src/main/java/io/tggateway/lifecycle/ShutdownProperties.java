package io.tggateway.lifecycle;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Graceful shutdown settings ({@code gateway.shutdown}).
 *
 * @param drainTimeout how long the dispatcher and delivery may take to finish queued work
 * on shutdown; what is left then is logged with counts. Must be shorter than
 * {@code spring.lifecycle.timeout-per-shutdown-phase}.
 */
@Validated
@ConfigurationProperties("gateway.shutdown")
public record ShutdownProperties(@DurationMin(millis = 1) @DefaultValue("20s") Duration drainTimeout) {

}
