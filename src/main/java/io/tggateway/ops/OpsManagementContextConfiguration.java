package io.tggateway.ops;

import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * What the management server (port 8081, its own child context) adds: the filter that
 * lets operators with {@code gateway.ops.details-key} see the health details.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.ops.details-key")
class OpsManagementContextConfiguration {

	@Bean
	FilterRegistrationBean<DetailsKeyFilter> detailsKeyFilter(OpsProperties properties,
			WebEndpointProperties endpoints) {
		String key = properties.detailsKey();
		if (key == null) {
			throw new IllegalStateException("gateway.ops.details-key is set but empty");
		}
		FilterRegistrationBean<DetailsKeyFilter> registration = new FilterRegistrationBean<>(new DetailsKeyFilter(key));
		registration.addUrlPatterns(endpoints.getBasePath() + "/*");
		return registration;
	}

}
