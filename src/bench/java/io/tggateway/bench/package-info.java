/**
 * Benchmarks: JMH for the dispatcher, a load runner for the service end to end. See
 * {@code docs/benchmarks.md}.
 */
@NullMarked
package io.tggateway.bench;

import org.jspecify.annotations.NullMarked;
