/**
 * Start and stop order shared by every feature: the lifecycle phases and the drain
 * deadline of a graceful shutdown.
 */
@NullMarked
package io.tggateway.lifecycle;

import org.jspecify.annotations.NullMarked;
