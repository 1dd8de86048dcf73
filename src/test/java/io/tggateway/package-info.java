/**
 * Tests.
 */
@NullMarked
package io.tggateway;

import org.jspecify.annotations.NullMarked;
