package io.tggateway.notify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Reads the body of every API request before it is parsed: refuses one larger than
 * {@code gateway.api.max-body-size} (413) by its {@code Content-Length}, or while reading
 * it when it has none (a chunked body), so no more than the limit is ever held; and
 * refuses a body that is not strictly valid UTF-8 (400), or declares another charset
 * (415): JSON is UTF-8 (RFC 8259), and a lenient decoder would send replacement
 * characters to people.
 */
@ControllerAdvice(basePackageClasses = RequestBodyLimit.class)
class RequestBodyLimit extends RequestBodyAdviceAdapter {

	private final long maxBytes;

	RequestBodyLimit(ApiProperties properties) {
		this.maxBytes = properties.maxBodySize().toBytes();
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		HttpHeaders headers = input.getHeaders();
		if (headers.getContentLength() > this.maxBytes) {
			throw tooLarge();
		}
		MediaType contentType = headers.getContentType();
		if (contentType != null && contentType.getCharset() != null
				&& !StandardCharsets.UTF_8.equals(contentType.getCharset())) {
			throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body is declared as "
					+ contentType.getCharset() + "; send JSON in UTF-8 (charset=UTF-8, or no charset at all)");
		}
		byte[] body = read(input.getBody());
		checkUtf8(body);
		return new BufferedBody(headers, body);
	}

	private byte[] read(InputStream in) throws IOException {
		byte[] body = in.readNBytes(Math.toIntExact(this.maxBytes + 1));
		if (body.length > this.maxBytes) {
			throw tooLarge();
		}
		return body;
	}

	private ApiException tooLarge() {
		return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + this.maxBytes
				+ " bytes (gateway.api.max-body-size); send a shorter text or fewer buttons");
	}

	private static void checkUtf8(byte[] body) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(body);
		// UTF-8 never decodes to more chars than it has bytes.
		CharBuffer out = CharBuffer.allocate(body.length);
		CoderResult result = decoder.decode(in, out, true);
		if (!result.isError()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			throw ApiException.invalid(List.of(new InvalidField("body", "is not valid UTF-8: malformed "
					+ "byte sequence at byte offset " + in.position() + "; JSON must be encoded in UTF-8 (RFC 8259)")));
		}
	}

	/**
	 * A body that has been read into memory.
	 */
	private static final class BufferedBody implements HttpInputMessage {

		private final HttpHeaders headers;

		private final byte[] bytes;

		BufferedBody(HttpHeaders headers, byte[] bytes) {
			this.headers = headers;
			this.bytes = bytes;
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.bytes);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

}
