package io.tggateway.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The OpenAPI document's parts that the controllers do not say themselves: the bearer
 * security scheme, the problem schema, and the problem answers that every operation can
 * give (401, 429, 500, and for requests with input 400, 413 and 415).
 */
final class ApiDocumentation {

	static final String SECURITY_SCHEME = "apiKey";

	static final String PROBLEM_SCHEMA = "Problem";

	private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

	private ApiDocumentation() {
	}

	static OpenAPI openApi() {
		SecurityScheme bearer = new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.description("The API key of the calling service, configured as gateway.api.keys.<client> "
					+ "(environment variable GATEWAY_API_KEYS_<CLIENT>): Authorization: Bearer <key>");
		return new OpenAPI()
			.info(new Info().title("tg-gateway REST API")
				.version("v1")
				.description("Internal services push notifications to people on Telegram. Errors are RFC 9457 "
						+ "problem details (application/problem+json); invalid fields are listed in errors. "
						+ "Each client has a request quota (gateway.api.requests-per-second)."))
			.components(new Components().addSecuritySchemes(SECURITY_SCHEME, bearer))
			.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));
	}

	static OpenApiCustomizer problemResponses() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.components(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			// Enumerated here, not in @Schema: the formatter mangles arrays in records.
			enumerate(openApi, "NotificationRequest", "parseMode", List.of("HTML", "MarkdownV2"));
			enumerate(openApi, "Notification", "status",
					List.of("queued", "sending", "delivered", "failed", "partially_failed"));
			enumerate(openApi, "Delivery", "status", List.of("queued", "sending", "delivered", "failed"));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/")) {
					item.readOperations().forEach(ApiDocumentation::addProblems);
				}
			});
		};
	}

	@SuppressWarnings("unchecked")
	private static void enumerate(OpenAPI openApi, String schema, String property, List<String> values) {
		Schema<?> owner = (openApi.getComponents().getSchemas() != null)
				? openApi.getComponents().getSchemas().get(schema) : null;
		if (owner != null && owner.getProperties() != null && owner.getProperties().get(property) != null) {
			((Schema<Object>) owner.getProperties().get(property)).setEnum(new ArrayList<>(values));
		}
	}

	private static void addProblems(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		ApiResponses responses = operation.getResponses();
		boolean body = operation.getRequestBody() != null;
		boolean input = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
		if (input) {
			responses.putIfAbsent("400", problem("Invalid input; errors names the fields"));
		}
		responses.putIfAbsent("401", problem("No API key, or an unknown one").addHeaderObject("WWW-Authenticate",
				header("Bearer realm=\"tg-gateway\", with error=\"invalid_token\" for an unknown key")));
		if (body) {
			responses.putIfAbsent("413",
					problem("The body is larger than gateway.api.max-body-size (64 KiB by default)"));
			responses.putIfAbsent("415", problem("The body is not application/json in UTF-8"));
		}
		responses.putIfAbsent("429", problem("Over the client's request quota").addHeaderObject("Retry-After",
				header("Seconds to wait, at least 1")));
		responses.putIfAbsent("500", problem("A bug; it was logged with its stack trace"));
		// Error answers are problems, whatever the operation returns when it succeeds.
		responses.forEach((code, response) -> {
			if (code.startsWith("4") || code.startsWith("5")) {
				response.setContent(problemContent());
			}
		});
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(problemContent());
	}

	private static Content problemContent() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
	}

	private static Header header(String description) {
		return new Header().description(description).schema(new StringSchema());
	}

	private static Schema<?> problemSchema() {
		Schema<?> invalidField = new ObjectSchema()
			.addProperty("field", new StringSchema().description("The field, such as text or buttons[2].url"))
			.addProperty("message", new StringSchema().description("What is wrong and what to change"));
		List<String> types = new ArrayList<>(
				Arrays.stream(ProblemType.values()).map((type) -> type.type().toString()).toList());
		// What Spring MVC answers with for the rare statuses that have no type of their
		// own.
		types.add("about:blank");
		return new ObjectSchema().description("An RFC 9457 problem detail")
			.addProperty("type", new StringSchema()._enum(types).description("The kind of problem"))
			.addProperty("title", new StringSchema().description("A short summary of the kind of problem"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong and what to change"))
			.addProperty("instance", new StringSchema().description("The request's path"))
			.addProperty("errors", new ArraySchema().items(invalidField).description("The invalid fields, if any"));
	}

}
