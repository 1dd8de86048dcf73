/**
 * The Telegram Bot API adapter: the only code that knows the wire format, built on
 * TelegramBots' method objects and its OkHttp client, with every failure classified.
 */
@NullMarked
package io.tggateway.telegram;

import org.jspecify.annotations.NullMarked;
