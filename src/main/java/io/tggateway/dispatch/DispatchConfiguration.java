package io.tggateway.dispatch;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.tggateway.bot.UpdateHandler;
import io.tggateway.lifecycle.ShutdownProperties;

/**
 * Wires the dispatcher to the bot's handler and to every {@link DispatchListener} bean
 * (among them {@link DispatchTimers}), and the dispatcher's meters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchProperties.class)
class DispatchConfiguration {

	@Bean
	UpdateDispatcher updateDispatcher(UpdateHandler updateHandler, ObjectProvider<DispatchListener> listeners,
			DispatchProperties properties, ShutdownProperties shutdown) {
		List<DispatchListener> all = listeners.orderedStream().toList();
		DispatchListener listener = switch (all.size()) {
			case 0 -> DispatchListener.NONE;
			case 1 -> all.getFirst();
			default -> (update, outcome, waited, handling) -> {
				for (DispatchListener each : all) {
					each.completed(update, outcome, waited, handling);
				}
			};
		};
		return new UpdateDispatcher(updateHandler, listener, properties, shutdown.drainTimeout());
	}

	@Bean
	DispatchTimers dispatchTimers() {
		return new DispatchTimers();
	}

	@Bean
	DispatchMetrics dispatchMetrics(UpdateDispatcher updateDispatcher, DispatchProperties properties,
			DispatchTimers dispatchTimers) {
		return new DispatchMetrics(updateDispatcher, properties, dispatchTimers);
	}

}
