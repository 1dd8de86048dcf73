package io.tggateway.poller;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

import io.tggateway.lifecycle.LifecyclePhases;

/**
 * The poller's last step of a shutdown, in its own phase: after the dispatcher has
 * drained and delivery has finished, it confirms the handled updates with Telegram
 * ({@link UpdatePoller#confirmFinalOffset()}).
 * <p>
 * The poller is looked up when needed rather than injected: Spring stops a bean's
 * dependents before the bean itself, whatever their phases, so a direct dependency would
 * make this step run before the poller has even stopped.
 */
final class OffsetConfirmation implements SmartLifecycle {

	private final ObjectProvider<UpdatePoller> poller;

	private volatile boolean running;

	OffsetConfirmation(ObjectProvider<UpdatePoller> poller) {
		this.poller = poller;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		try {
			this.poller.getObject().confirmFinalOffset();
		}
		finally {
			this.running = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LifecyclePhases.OFFSET_CONFIRMATION;
	}

}
