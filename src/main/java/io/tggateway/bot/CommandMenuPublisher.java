package io.tggateway.bot;

import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

import io.tggateway.lifecycle.Backoff;
import io.tggateway.lifecycle.LifecyclePhases;
import io.tggateway.lifecycle.StopSignal;
import io.tggateway.telegram.BotApiClient;
import io.tggateway.telegram.TelegramCallException;
import io.tggateway.telegram.TelegramFailure;

/**
 * Publishes the {@link CommandHandler}s to Telegram's command menu
 * ({@code setMyCommands}) at startup, in the background, retrying with back-off until
 * Telegram accepts them. Startup does not wait for it: a bot whose menu is late still
 * answers its commands.
 */
final class CommandMenuPublisher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(CommandMenuPublisher.class);

	private final BotApiClient api;

	private final CommandCatalog commands;

	private final Backoff backoff;

	/** Guards start and stop. */
	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile boolean running;

	private @Nullable StopSignal stopSignal;

	CommandMenuPublisher(BotApiClient api, CommandCatalog commands, Backoff backoff) {
		this.api = api;
		this.commands = commands;
		this.backoff = backoff;
	}

	@Override
	public void start() {
		this.lifecycleLock.lock();
		try {
			if (this.running) {
				return;
			}
			StopSignal signal = new StopSignal();
			this.stopSignal = signal;
			this.running = true;
			Thread.ofVirtual().name("tg-command-menu").start(() -> publish(signal));
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	private void publish(StopSignal signal) {
		SetMyCommands method = SetMyCommands.builder()
			.commands(this.commands.commands()
				.stream()
				.map((command) -> BotCommand.builder()
					.command(command.command())
					.description(command.description())
					.build())
				.toList())
			.build();
		for (int attempt = 1; !signal.isStopped(); attempt++) {
			try {
				this.api.execute(method);
				logger.info("Published {} commands to the bot's menu", method.getCommands().size());
				return;
			}
			catch (TelegramCallException ex) {
				if (ex.failure() instanceof TelegramFailure.Unauthorized
						|| ex.failure() instanceof TelegramFailure.ClientError) {
					logger.error("Telegram refused the command menu ({}); commands still work when typed",
							ex.getMessage());
					return;
				}
				logger.debug("Publishing the command menu failed ({}), retrying", ex.getMessage());
				signal.sleep((ex.failure() instanceof TelegramFailure.RetryAfter retry) ? retry.retryAfter()
						: this.backoff.delay(attempt));
			}
		}
	}

	@Override
	public void stop() {
		this.lifecycleLock.lock();
		try {
			if (this.stopSignal != null) {
				this.stopSignal.stop();
			}
			this.running = false;
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.TELEGRAM_TASKS;
	}

}
