package io.tggateway.telegram;

import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertTrue;

/**
 * The bot token, a secret: it is part of every Bot API URL, so {@link #toString()} never
 * shows it. Only the numeric bot id before the colon is public.
 *
 * @param value the token as @BotFather gave it, {@code <bot id>:<secret>}
 */
public record BotToken(String value) {

	private static final Pattern FORMAT = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,}");

	/**
	 * Whether the token has the form {@code <bot id>:<secret>} that @BotFather hands out.
	 * @return {@code true} if well formed
	 */
	@AssertTrue(message = "must be the token @BotFather gave you, of the form <bot id>:<secret>: set "
			+ "gateway.telegram.token or the environment variable GATEWAY_TELEGRAM_TOKEN")
	public boolean isWellFormed() {
		return FORMAT.matcher(this.value).matches();
	}

	/**
	 * The bot's numeric id: the part of the token before the colon, which is not secret.
	 * @return the bot id, or an empty string if the token is malformed
	 */
	public String botId() {
		int colon = this.value.indexOf(':');
		return (colon > 0) ? this.value.substring(0, colon) : "";
	}

	/**
	 * Replaces every occurrence of the token in a text by {@code <token>}.
	 * @param text a message that might contain a URL with the token
	 * @return the text without the token
	 */
	public String redact(String text) {
		return (this.value.isEmpty()) ? text : text.replace(this.value, "<token>");
	}

	@Override
	public String toString() {
		return "BotToken[" + botId() + ":****]";
	}

}
