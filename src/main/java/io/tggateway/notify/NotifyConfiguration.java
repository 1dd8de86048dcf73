package io.tggateway.notify;

import io.swagger.v3.oas.models.OpenAPI;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the REST API: who the clients are, their quotas, the filter that checks both on
 * every {@code /api/**} request, strict JSON input, the OpenAPI document, and the client
 * tag of the requests' metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class NotifyConfiguration {

	/**
	 * After Spring's character encoding and observation filters, so that refused requests
	 * are observed too.
	 */
	static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	ApiClients apiClients(ApiProperties properties) {
		return new ApiClients(properties.keys());
	}

	@Bean
	ClientQuota clientQuota(ApiClients apiClients, ApiProperties properties) {
		return new ClientQuota(apiClients.names(), properties.requestsPerSecond());
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiClients apiClients, ClientQuota clientQuota,
			JsonMapper jsonMapper) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(apiClients, clientQuota, jsonMapper));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	/**
	 * Replaces Tomcat's HTML error page (for requests the connector refuses before Spring
	 * sees them) with a problem. Runs after Boot's own Tomcat customizer, which installs
	 * a plain {@code ErrorReportValve}.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			if (host == null) {
				return;
			}
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemErrorReportValve());
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

	@Bean
	ClientObservationConvention clientObservationConvention() {
		return new ClientObservationConvention();
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return StrictJsonInput.customizer();
	}

	@Bean
	OpenAPI gatewayOpenApi() {
		return ApiDocumentation.openApi();
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return ApiDocumentation.problemResponses();
	}

}
