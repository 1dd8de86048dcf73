/**
 * The packaged service as a child process, for tests and benchmarks that need a real JVM
 * with real signals: startup, SIGTERM and SIGINT shutdown, restarts, CPU time.
 */
@NullMarked
package io.tggateway.process;

import org.jspecify.annotations.NullMarked;
