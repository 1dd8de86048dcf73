/**
 * Tests of the REST API over real HTTP on loopback, with the whole service running
 * against the fake Bot API.
 */
@NullMarked
package io.tggateway.notify;

import org.jspecify.annotations.NullMarked;
