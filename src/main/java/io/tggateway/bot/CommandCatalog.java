package io.tggateway.bot;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Every {@link CommandHandler} bean, in order, resolved when first asked: {@code /help},
 * the router and the command menu all read the same list. (A command bean cannot list the
 * commands itself: Spring leaves a bean out of its own candidates.)
 */
final class CommandCatalog {

	private final ObjectProvider<CommandHandler> handlers;

	private volatile @Nullable List<CommandHandler> commands;

	CommandCatalog(ObjectProvider<CommandHandler> handlers) {
		this.handlers = handlers;
	}

	List<CommandHandler> commands() {
		List<CommandHandler> resolved = this.commands;
		if (resolved == null) {
			resolved = this.handlers.orderedStream().toList();
			this.commands = resolved;
		}
		return resolved;
	}

}
