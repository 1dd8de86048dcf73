package io.tggateway.bot;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * The diagnostic echo handler ({@code gateway.bot.echo.enabled}): works for
 * {@code gateway.bot.echo.delay}, then replies with the same text. For smoke and load
 * tests, off by default.
 */
final class EchoHandler implements TextHandler {

	private final Replies replies;

	private final Duration delay;

	EchoHandler(Replies replies, Duration delay) {
		this.replies = replies;
		this.delay = delay;
	}

	@Override
	public boolean handle(Message message) throws Exception {
		if (!this.delay.isZero()) {
			// The delay stands for a real handler's work; an interrupt ends it.
			TimeUnit.NANOSECONDS.sleep(this.delay.toNanos());
		}
		this.replies.send(message.getChatId(), message.getText());
		return true;
	}

}
