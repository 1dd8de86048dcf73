/**
 * The one send path for everything the bot sends: Telegram's flood control honoured for
 * the whole bot, transient failures retried.
 */
@NullMarked
package io.tggateway.delivery;

import org.jspecify.annotations.NullMarked;
