/**
 * Tests of the send path.
 */
@NullMarked
package io.tggateway.delivery;

import org.jspecify.annotations.NullMarked;
