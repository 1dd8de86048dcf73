/**
 * Tests of the audience: one-time link invitations, subject links and topic subscriptions
 * of the memory store; and the memory repositories for other features' tests.
 */
@NullMarked
package io.tggateway.audience;

import org.jspecify.annotations.NullMarked;
