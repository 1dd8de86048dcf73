/**
 * The update poller: one long-polling thread that fetches updates from Telegram, hands
 * them to the dispatcher and confirms them only once they are safe.
 */
@NullMarked
package io.tggateway.poller;

import org.jspecify.annotations.NullMarked;
