package io.tggateway.fake;

/**
 * One entry of the bot's command list, as stored by {@code setMyCommands}.
 *
 * @param command the command without the slash, 1-32 characters of {@code [a-z0-9_]}
 * @param description 1-256 characters
 */
public record BotCommand(String command, String description) {

}
