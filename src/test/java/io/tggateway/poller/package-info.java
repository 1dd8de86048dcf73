/**
 * Tests of the update poller against the fake Bot API server, with a real dispatcher: the
 * offset protocol, backpressure, failure handling and a prompt stop; and of the poller's
 * meters.
 */
@NullMarked
package io.tggateway.poller;

import org.jspecify.annotations.NullMarked;
