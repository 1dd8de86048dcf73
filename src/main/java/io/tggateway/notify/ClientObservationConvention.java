package io.tggateway.notify;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring MVC's {@code http.server.requests} observations with one more low-cardinality
 * key, {@value #CLIENT}: the API client that made the request (a name configured under
 * {@code gateway.api.keys}), or {@value #NONE} for requests without a valid key and those
 * outside the REST API. Only configured names ever appear, so the tag stays bounded.
 */
final class ClientObservationConvention extends DefaultServerRequestObservationConvention {

	/** The key of the client tag. */
	static final String CLIENT = "client";

	/** The client of a request that did not authenticate. */
	static final String NONE = "none";

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(client(context));
	}

	private static KeyValue client(ServerRequestObservationContext context) {
		HttpServletRequest request = context.getCarrier();
		Object client = (request != null) ? request.getAttribute(ApiKeyFilter.CLIENT) : null;
		return KeyValue.of(CLIENT, (client instanceof String name) ? name : NONE);
	}

}
