package io.tggateway.telegram;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the Telegram Bot API ({@code gateway.telegram}).
 *
 * @param token the bot token from @BotFather; required. Environment variable
 * {@code GATEWAY_TELEGRAM_TOKEN}.
 * @param apiUrl where the Bot API is: {@code https://api.telegram.org}, a local Bot API
 * server, or a fake in tests; scheme, host and port only. The client calls
 * {@code <api-url>/bot<token>/<method>}.
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long any call other than the long poll may wait for its
 * answer
 * @param maxConnections how many calls may be under way at once (the sending connection
 * pool); hundreds of chats are replied to concurrently
 */
@Validated
@ConfigurationProperties("gateway.telegram")
public record TelegramProperties(
		@NotNull(message = "is required: set gateway.telegram.token (environment variable GATEWAY_TELEGRAM_TOKEN) "
				+ "to the token @BotFather gave you") @Valid BotToken token,
		@NotNull @DefaultValue("https://api.telegram.org") URI apiUrl,
		@DurationMin(millis = 100) @DefaultValue("10s") Duration connectTimeout,
		@DurationMin(millis = 100) @DefaultValue("30s") Duration requestTimeout,
		@Min(1) @Max(10_000) @DefaultValue("256") int maxConnections) {

	/**
	 * Whether {@link #apiUrl()} is an absolute http(s) URL without path, query or
	 * fragment.
	 * @return {@code true} if usable
	 */
	@AssertTrue(message = "gateway.telegram.api-url must be an http or https URL with a host and no path, "
			+ "for example https://api.telegram.org or http://127.0.0.1:8081")
	public boolean isApiUrlUsable() {
		URI url = this.apiUrl;
		if (url == null) {
			return false;
		}
		String scheme = url.getScheme();
		String path = url.getRawPath();
		return ("http".equals(scheme) || "https".equals(scheme)) && url.getHost() != null
				&& (path == null || path.isEmpty() || "/".equals(path)) && url.getRawQuery() == null
				&& url.getRawFragment() == null && url.getRawUserInfo() == null;
	}

}
