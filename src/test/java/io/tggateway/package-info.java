/**
 * Tests of the whole service, and the local sandbox that runs it against the fake Bot
 * API.
 */
@NullMarked
package io.tggateway;

import org.jspecify.annotations.NullMarked;
