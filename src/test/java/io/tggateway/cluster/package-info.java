/**
 * Tests of the cluster feature that need no database: the leader gauge with and without
 * an election.
 */
@NullMarked
package io.tggateway.cluster;

import org.jspecify.annotations.NullMarked;
