/**
 * Leadership among replicas (the {@code jdbc} store): exactly one replica polls Telegram
 * and sends; the others serve the REST API and take over when it goes away.
 */
@NullMarked
package io.tggateway.cluster;

import org.jspecify.annotations.NullMarked;
