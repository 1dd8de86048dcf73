package io.tggateway.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one Bot API call, read from the query string and from a JSON,
 * form-urlencoded or multipart body (body values win), with lenient typed accessors: like
 * Telegram, a number may arrive as a string and an object as a JSON string.
 */
final class FakeParams {

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

	private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");

	private final ObjectNode values;

	private FakeParams(ObjectNode values) {
		this.values = values;
	}

	static FakeParams parse(@Nullable String rawQuery, @Nullable String contentType, byte[] body) {
		ObjectNode values = FakeJson.object();
		if (rawQuery != null) {
			putForm(values, rawQuery);
		}
		String type = (contentType != null) ? contentType.toLowerCase(Locale.ROOT) : "";
		if (body.length == 0) {
			return new FakeParams(values);
		}
		if (type.startsWith("application/x-www-form-urlencoded")) {
			putForm(values, new String(body, StandardCharsets.UTF_8));
		}
		else if (type.startsWith("multipart/form-data")) {
			putMultipart(values, (contentType != null) ? contentType : "", body);
		}
		else {
			putJson(values, new String(body, StandardCharsets.UTF_8));
		}
		return new FakeParams(values);
	}

	private static void putForm(ObjectNode values, String form) {
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = (eq >= 0) ? pair.substring(0, eq) : pair;
			String value = (eq >= 0) ? pair.substring(eq + 1) : "";
			values.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
	}

	private static void putJson(ObjectNode values, String json) {
		JsonNode node;
		try {
			node = FakeJson.parse(json);
		}
		catch (IllegalArgumentException ex) {
			throw FakeApiError.badRequest("can't parse JSON object");
		}
		if (!node.isObject()) {
			throw FakeApiError.badRequest("can't parse JSON object");
		}
		values.setAll((ObjectNode) node);
	}

	private static void putMultipart(ObjectNode values, String contentType, byte[] body) {
		Matcher boundary = BOUNDARY.matcher(contentType);
		if (!boundary.find()) {
			throw FakeApiError.badRequest("can't parse multipart/form-data: no boundary");
		}
		// ISO-8859-1 maps bytes 1:1, so splitting cannot break a UTF-8 sequence.
		String all = new String(body, StandardCharsets.ISO_8859_1);
		for (String part : all.split(Pattern.quote("--" + boundary.group(1)))) {
			int headersEnd = part.indexOf("\r\n\r\n");
			Matcher name = PART_NAME.matcher(part.substring(0, Math.max(headersEnd, 0)));
			if (headersEnd < 0 || !name.find()) {
				continue;
			}
			String content = part.substring(headersEnd + 4);
			if (content.endsWith("\r\n")) {
				content = content.substring(0, content.length() - 2);
			}
			byte[] raw = content.getBytes(StandardCharsets.ISO_8859_1);
			values.put(name.group(1), new String(raw, StandardCharsets.UTF_8));
		}
	}

	ObjectNode values() {
		return this.values;
	}

	boolean has(String name) {
		JsonNode value = this.values.get(name);
		return value != null && !value.isNull();
	}

	@Nullable String string(String name) {
		JsonNode value = this.values.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isValueNode() ? value.asText() : value.toString();
	}

	@Nullable Long integer(String name) {
		JsonNode value = this.values.get(name);
		if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
			return null;
		}
		if (value.isIntegralNumber()) {
			return value.asLong();
		}
		try {
			return Long.parseLong(value.asText().trim());
		}
		catch (NumberFormatException ex) {
			throw FakeApiError.badRequest("invalid " + name + " specified");
		}
	}

	boolean bool(String name) {
		JsonNode value = this.values.get(name);
		return value != null && (value.asBoolean() || "1".equals(value.asText()));
	}

	/**
	 * Returns the parameter as a JSON tree, parsing it if it arrived as a JSON string
	 * (form, query string and multipart values always do).
	 */
	@Nullable JsonNode json(String name) {
		JsonNode value = this.values.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isTextual()) {
			String text = value.asText().trim();
			if (text.startsWith("{") || text.startsWith("[")) {
				try {
					return FakeJson.parse(text);
				}
				catch (IllegalArgumentException ex) {
					throw FakeApiError.badRequest("can't parse " + name + " JSON object");
				}
			}
		}
		return value;
	}

}
