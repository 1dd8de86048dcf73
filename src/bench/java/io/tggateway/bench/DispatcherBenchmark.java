package io.tggateway.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.telegram.telegrambots.meta.api.objects.Update;

import io.tggateway.dispatch.DispatchListener;
import io.tggateway.dispatch.DispatchProperties;
import io.tggateway.dispatch.SubmitResult;
import io.tggateway.dispatch.UpdateDispatcher;
import io.tggateway.testsupport.TestUpdates;

/**
 * The dispatcher with a no-op handler, 10,000 chats, default limits, against plain unordered
 * executors in the same run. One operation is one update; an invocation pushes 100,000
 * updates (10 per chat) and waits until all are handled. The ordered variant checks that
 * every chat saw its updates in order and fails the run otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(DispatcherBenchmark.UPDATES)
public class DispatcherBenchmark {

	static final int CHATS = 10_000;

	static final int UPDATES = 100_000;

	private static final Duration WAIT = Duration.ofSeconds(1);

	private final Update[] updates = new Update[UPDATES];

	private final int[] nextSequence = new int[CHATS];

	private final AtomicLong orderViolations = new AtomicLong();

	private volatile CountDownLatch done = new CountDownLatch(0);

	private UpdateDispatcher dispatcher;

	private ExecutorService virtualThreads;

	private ExecutorService platformPool;

	public DispatcherBenchmark() {
		for (int i = 0; i < UPDATES; i++) {
			this.updates[i] = TestUpdates.message(i, 1_000_000L + (i % CHATS), "x");
		}
		this.dispatcher = new UpdateDispatcher(this::handleInOrder, DispatchListener.NONE,
				new DispatchProperties(256, 10_000, 100, Duration.ofSeconds(60)), Duration.ofSeconds(10));
		this.virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
		this.platformPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
	}

	@Setup(Level.Trial)
	public void start() {
		this.dispatcher.start();
	}

	@Setup(Level.Invocation)
	public void reset() {
		Arrays.fill(this.nextSequence, 0);
		this.done = new CountDownLatch(UPDATES);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.dispatcher.stop();
		this.virtualThreads.shutdown();
		this.platformPool.shutdown();
		if (this.orderViolations.get() > 0) {
			throw new IllegalStateException(this.orderViolations.get() + " updates were handled out of order");
		}
	}

	/**
	 * tg-gateway's dispatcher: per-chat order kept, chats concurrent.
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public void orderedDispatcher() throws InterruptedException {
		for (Update update : this.updates) {
			while (this.dispatcher.submit(update) == SubmitResult.QUEUE_FULL) {
				this.dispatcher.awaitCapacity(WAIT);
			}
		}
		this.done.await();
	}

	/**
	 * Baseline: every update a task on a virtual-thread-per-task executor, no order.
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public void baselineVirtualThreadPerTask() throws InterruptedException {
		CountDownLatch latch = this.done;
		for (Update update : this.updates) {
			this.virtualThreads.execute(() -> handleUnordered(update, latch));
		}
		latch.await();
	}

	/**
	 * Baseline: every update a task on a fixed pool with one platform thread per core, no
	 * order (and no way to run blocking handlers concurrently).
	 * @throws InterruptedException if interrupted
	 */
	@Benchmark
	public void baselinePlatformPool() throws InterruptedException {
		CountDownLatch latch = this.done;
		for (Update update : this.updates) {
			this.platformPool.execute(() -> handleUnordered(update, latch));
		}
		latch.await();
	}

	private void handleInOrder(Update update) {
		int id = update.getUpdateId();
		int chat = id % CHATS;
		int sequence = id / CHATS;
		// Lanes run one update of a chat at a time, so plain array access is safe here.
		if (this.nextSequence[chat] != sequence) {
			this.orderViolations.incrementAndGet();
		}
		this.nextSequence[chat] = sequence + 1;
		this.done.countDown();
	}

	private static void handleUnordered(Update update, CountDownLatch latch) {
		if (update.getUpdateId() >= 0) {
			latch.countDown();
		}
	}

}
