/**
 * Who receives notifications: subjects linked to chats through one-time deep links, topic
 * subscriptions, and whether a chat still accepts messages.
 */
@NullMarked
package io.tggateway.audience;

import org.jspecify.annotations.NullMarked;
