/**
 * Where the service keeps its state: {@code memory} (embedded, the default) or
 * {@code jdbc} (PostgreSQL). Each feature owns its repositories; this package only
 * chooses.
 */
@NullMarked
package io.tggateway.store;

import org.jspecify.annotations.NullMarked;
