package io.tggateway.bot;

/**
 * A bot command such as {@code /help}: a Spring bean, routed by name, listed in
 * Telegram's command menu.
 */
public interface CommandHandler {

	/**
	 * The command's name without the slash, lower case, 1 to 32 of {@code a-z 0-9 _}.
	 * @return the name
	 */
	String command();

	/**
	 * What the command does, as the command menu and {@code /help} show it (3 to 256
	 * characters).
	 * @return the description
	 */
	String description();

	/**
	 * Handles one invocation.
	 * @param request the invocation
	 * @throws Exception anything; it is logged and counted
	 */
	void handle(CommandRequest request) throws Exception;

}
