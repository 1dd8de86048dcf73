/**
 * Test support shared by the features' tests: building updates.
 */
@NullMarked
package io.tggateway.testsupport;

import org.jspecify.annotations.NullMarked;
