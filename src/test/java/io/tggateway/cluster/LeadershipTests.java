package io.tggateway.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.leader.Context;

import io.tggateway.store.LeadershipTakeover;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Leadership} starts and stops as the election goes, and that a replica that
 * is shutting down starts nothing when it is granted the lock.
 */
class LeadershipTests {

	private static final Context CONTEXT = () -> true;

	private final Component poller = new Component();

	private final Component delivery = new Component();

	private int takenOver;

	private final Leadership leadership = new Leadership("replica", List.of(this.poller, this.delivery),
			() -> List.<LeadershipTakeover>of(() -> ++this.takenOver));

	@Test
	void whenGrantedThenItTakesOverAndStartsTheComponentsAndWhenRevokedItStopsThem() {
		this.leadership.onGranted(CONTEXT);
		assertThat(this.leadership.isLeader()).isTrue();
		assertThat(this.takenOver).isOne();
		assertThat(this.poller.isRunning()).isTrue();
		assertThat(this.delivery.isRunning()).isTrue();
		this.leadership.onRevoked(CONTEXT);
		assertThat(this.leadership.isLeader()).isFalse();
		assertThat(this.poller.isRunning()).isFalse();
		assertThat(this.delivery.isRunning()).isFalse();
		assertThat(this.leadership.grants()).isOne();
	}

	@Test
	void whenGrantedWhileRetiringThenNothingStartsUntilItRejoins() {
		this.leadership.retire();
		this.leadership.onGranted(CONTEXT);
		assertThat(this.leadership.isLeader()).isFalse();
		assertThat(this.takenOver).isZero();
		assertThat(this.poller.isRunning()).isFalse();
		this.leadership.onRevoked(CONTEXT);

		this.leadership.rejoin();
		this.leadership.onGranted(CONTEXT);
		assertThat(this.leadership.isLeader()).isTrue();
		assertThat(this.poller.isRunning()).isTrue();
	}

	private static final class Component implements SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
