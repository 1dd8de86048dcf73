package io.tggateway.telegram;

import java.io.IOException;

import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns an HTTP error whose body is not a Bot API answer into an
 * {@link HttpStatusException}, so the status code survives TelegramBots' parsing. Bot API
 * error answers ({@code {"ok":false,...}}) pass through untouched.
 */
final class HttpStatusInterceptor implements Interceptor {

	private static final long PEEK_BYTES = 4096;

	@Override
	public Response intercept(Chain chain) throws IOException {
		Response response = chain.proceed(chain.request());
		if (response.isSuccessful() || isBotApiAnswer(response)) {
			return response;
		}
		int status = response.code();
		String retryAfter = response.header("Retry-After");
		response.close();
		throw new HttpStatusException(status, retryAfter);
	}

	private static boolean isBotApiAnswer(Response response) throws IOException {
		String body = response.peekBody(PEEK_BYTES).string().stripLeading();
		return body.startsWith("{") && body.contains("\"ok\"");
	}

}
