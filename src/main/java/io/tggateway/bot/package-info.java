/**
 * The bot's conversations: handlers as Spring beans, commands routed by name and
 * published to Telegram's command menu.
 */
@NullMarked
package io.tggateway.bot;

import org.jspecify.annotations.NullMarked;
