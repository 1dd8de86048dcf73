/**
 * Tests of the Helm chart ({@code helm/tg-gateway}) with the Helm that helm-java embeds:
 * lint, rendered manifests, values the schema refuses, and the metric names the dashboard
 * and the alerts rely on.
 */
@NullMarked
package io.tggateway.helm;

import org.jspecify.annotations.NullMarked;
