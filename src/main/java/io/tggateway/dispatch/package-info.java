/**
 * The per-chat ordered dispatcher: one lane per chat, each chat's updates handled one at
 * a time in order, all chats concurrently on virtual threads, with bounded queues.
 */
@NullMarked
package io.tggateway.dispatch;

import org.jspecify.annotations.NullMarked;
