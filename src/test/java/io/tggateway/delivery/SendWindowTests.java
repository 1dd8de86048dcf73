package io.tggateway.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send window: a send counts from its start until a window after its answer, so that
 * no window of Telegram's holds more than the limit however late requests arrive.
 */
class SendWindowTests {

	private static final long MILLI = Duration.ofMillis(1).toNanos();

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final AtomicLong now = new AtomicLong(1_000 * SECOND);

	private final SendWindow window = new SendWindow(3, SECOND, this.now::get);

	@Test
	void whenTheWindowIsFullThenThereIsRoomOneWindowAfterTheOldestAnswer() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			this.window.enter();
			this.now.addAndGet(10 * MILLI);
			this.window.leave();
		}
		long firstAnswer = this.now.get() - 20 * MILLI;
		assertThat(this.window.nanosUntilRoom()).isEqualTo(firstAnswer + SECOND - this.now.get());
		this.now.set(firstAnswer + SECOND - 1);
		assertThat(this.window.nanosUntilRoom()).isOne();
		this.now.set(firstAnswer + SECOND);
		assertThat(this.window.nanosUntilRoom()).isZero();
	}

	@Test
	void whenEverySendIsUnderWayThenThereIsNoRoomUntilAnAnswerComes() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			this.window.enter();
		}
		this.now.addAndGet(60 * SECOND);
		assertThat(this.window.nanosUntilRoom()).isPositive();
		assertThat(this.window.isIdle()).isFalse();
		this.window.leave();
		assertThat(this.window.nanosUntilRoom()).isEqualTo(SECOND);
		this.now.addAndGet(SECOND);
		assertThat(this.window.nanosUntilRoom()).isZero();
	}

	@Test
	void whenASendNeverStartedThenItIsForgottenAtOnce() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			this.window.enter();
		}
		this.window.cancel();
		assertThat(this.window.nanosUntilRoom()).isZero();
	}

	@Test
	void whenEverythingIsAWindowOldThenTheWindowIsIdle() throws InterruptedException {
		this.window.enter();
		this.window.leave();
		assertThat(this.window.isIdle()).isFalse();
		this.now.addAndGet(SECOND);
		assertThat(this.window.isIdle()).isTrue();
	}

	/**
	 * Senders start as fast as the window lets them; each request takes a random time,
	 * sometimes a long one, and the server counts it at a random moment of it. No second
	 * as the server sees it holds more than the limit.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5 })
	void whenRequestsAreDelayedAtRandomThenTheServerNeverSeesMoreThanTheLimit(int seed) throws InterruptedException {
		Random random = new Random(seed);
		SendWindow thirty = new SendWindow(30, SECOND, this.now::get);
		long start = this.now.get();
		PriorityQueue<Long> answers = new PriorityQueue<>();
		List<Long> counted = new ArrayList<>();
		while (this.now.get() - start < 20 * SECOND) {
			while (!answers.isEmpty() && answers.peek() <= this.now.get()) {
				answers.poll();
				thirty.leave();
			}
			if (thirty.nanosUntilRoom() == 0) {
				thirty.enter();
				long latency = (random.nextInt(10) == 0) ? random.nextLong(300 * MILLI) : random.nextLong(5 * MILLI);
				counted.add(this.now.get() + (long) (random.nextDouble() * latency));
				answers.add(this.now.get() + latency);
			}
			this.now.addAndGet(random.nextLong(1, 20 * MILLI));
		}
		List<Long> sorted = counted.stream().sorted().toList();
		for (int i = 30; i < sorted.size(); i++) {
			assertThat(sorted.get(i) - sorted.get(i - 30)).as("31 sends within a second")
				.isGreaterThanOrEqualTo(SECOND);
		}
		assertThat(sorted).hasSizeGreaterThan(20 * 20);
	}

}
