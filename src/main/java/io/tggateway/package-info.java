/**
 * The tg-gateway application: the entry point that wires the features together.
 */
@NullMarked
package io.tggateway;

import org.jspecify.annotations.NullMarked;
