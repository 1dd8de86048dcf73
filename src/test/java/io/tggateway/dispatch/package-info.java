/**
 * Tests of the per-chat ordered dispatcher.
 */
@NullMarked
package io.tggateway.dispatch;

import org.jspecify.annotations.NullMarked;
