/**
 * Operations: health indicators for Kubernetes probes and operators, and the read-only
 * {@code gateway} Actuator endpoint with the live state an operator asks for first.
 */
@NullMarked
package io.tggateway.ops;

import org.jspecify.annotations.NullMarked;
