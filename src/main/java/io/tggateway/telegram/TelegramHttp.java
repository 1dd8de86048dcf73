package io.tggateway.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The HTTP plumbing under {@link BotApiClient}: two OkHttp clients sharing virtual
 * threads, and the Jackson 2 mapper TelegramBots' types need (never Spring's Jackson 3
 * mapper).
 *
 * @param polling the long-poll client
 * @param sending the client for every other call
 * @param threads the virtual threads both clients run their calls on
 * @param objectMapper TelegramBots' JSON mapper
 * @param url where the Bot API is
 * @param connectTimeout the connect timeout of both clients
 */
record TelegramHttp(OkHttpClient polling, OkHttpClient sending, ExecutorService threads, ObjectMapper objectMapper,
		TelegramUrl url, Duration connectTimeout) {

	private static final Duration IDLE_KEEP_ALIVE = Duration.ofMinutes(2);

	static TelegramHttp create(TelegramProperties properties) {
		ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tg-http-", 0).factory());
		HttpStatusInterceptor statusInterceptor = new HttpStatusInterceptor();
		Dispatcher pollingDispatcher = new Dispatcher(threads);
		OkHttpClient polling = new OkHttpClient.Builder().dispatcher(pollingDispatcher)
			.connectionPool(new ConnectionPool(1, IDLE_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
			.connectTimeout(properties.connectTimeout())
			.readTimeout(BotApiClient.MAX_POLL_TIMEOUT.plus(BotApiClient.POLL_MARGIN))
			.writeTimeout(properties.requestTimeout())
			.addInterceptor(statusInterceptor)
			.build();
		Dispatcher sendingDispatcher = new Dispatcher(threads);
		sendingDispatcher.setMaxRequests(properties.maxConnections());
		sendingDispatcher.setMaxRequestsPerHost(properties.maxConnections());
		OkHttpClient sending = new OkHttpClient.Builder().dispatcher(sendingDispatcher)
			.connectionPool(
					new ConnectionPool(properties.maxConnections(), IDLE_KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS))
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.requestTimeout())
			.writeTimeout(properties.requestTimeout())
			// OkHttp would silently resend a request whose answer was lost, duplicating
			// the
			// message; the sender decides about retries itself.
			.retryOnConnectionFailure(false)
			.addInterceptor(statusInterceptor)
			.build();
		URI api = properties.apiUrl();
		boolean https = "https".equals(api.getScheme());
		int port = (api.getPort() != -1) ? api.getPort() : (https ? 443 : 80);
		TelegramUrl url = new TelegramUrl(api.getScheme(), api.getHost(), port, false);
		return new TelegramHttp(polling, sending, threads, new ObjectMapper(), url, properties.connectTimeout());
	}

}
