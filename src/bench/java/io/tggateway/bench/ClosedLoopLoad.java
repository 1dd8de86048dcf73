package io.tggateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A closed-loop HTTP load generator: {@code clients} virtual threads, each sending its
 * next request as soon as the previous one is answered, over one JDK {@link HttpClient}
 * (HTTP/1.1, keep-alive, so about one connection per client). A phase ends when its time
 * is up or when it has sent {@code maxRequests}, whichever comes first.
 */
final class ClosedLoopLoad implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final int clients;

	ClosedLoopLoad(int clients) {
		this.clients = clients;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(this.executor)
			.build();
	}

	/**
	 * Runs one phase.
	 * @param requests the request for each sequence number
	 * @param expectedStatus the status of a successful answer
	 * @param duration how long the phase lasts
	 * @param maxRequests the most requests it sends
	 * @param sequence where the sequence numbers continue from (shared by phases, so
	 * that every request differs)
	 * @return what it measured
	 */
	Phase run(LongFunction<HttpRequest> requests, int expectedStatus, Duration duration, int maxRequests,
			AtomicLong sequence) {
		long[] latencies = new long[maxRequests];
		AtomicInteger taken = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		long started = System.nanoTime();
		long deadline = started + duration.toNanos();
		try (ExecutorService loop = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int client = 0; client < this.clients; client++) {
				loop.execute(() -> {
					while (System.nanoTime() - deadline < 0) {
						int slot = taken.getAndIncrement();
						if (slot >= maxRequests) {
							return;
						}
						HttpRequest request = requests.apply(sequence.getAndIncrement());
						long sent = System.nanoTime();
						try {
							HttpResponse<String> response = this.http.send(request,
									HttpResponse.BodyHandlers.ofString());
							latencies[slot] = System.nanoTime() - sent;
							if (response.statusCode() != expectedStatus) {
								failures.incrementAndGet();
								latencies[slot] = -1;
							}
						}
						catch (IOException ex) {
							errors.incrementAndGet();
							latencies[slot] = -1;
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							latencies[slot] = -1;
							return;
						}
					}
				});
			}
		}
		long elapsed = System.nanoTime() - started;
		int sent = Math.min(taken.get(), maxRequests);
		long[] ok = Arrays.stream(latencies, 0, sent).filter((nanos) -> nanos > 0).sorted().toArray();
		return new Phase(ok.length, failures.get(), errors.get(), Duration.ofNanos(elapsed), ok);
	}

	static HttpRequest.Builder request(URI uri, String apiKey) {
		return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + apiKey);
	}

	@Override
	public void close() {
		this.http.close();
		this.executor.close();
	}

	/**
	 * What one phase measured: answers with the expected status ({@code ok}), with another
	 * status ({@code failures}), requests without an answer ({@code errors}), the time
	 * from the start of the phase until the last answer, and the latencies of the
	 * successful requests in nanoseconds, sorted. (A class, not a record: it holds an
	 * array.)
	 */
	static final class Phase {

		private final int ok;

		private final int failures;

		private final int errors;

		private final Duration elapsed;

		private final long[] latencies;

		Phase(int ok, int failures, int errors, Duration elapsed, long[] latencies) {
			this.ok = ok;
			this.failures = failures;
			this.errors = errors;
			this.elapsed = elapsed;
			this.latencies = latencies;
		}

		int ok() {
			return this.ok;
		}

		int failures() {
			return this.failures;
		}

		int errors() {
			return this.errors;
		}

		long[] latencies() {
			return this.latencies;
		}

		double rate() {
			return this.ok / (this.elapsed.toNanos() / 1e9);
		}

		/**
		 * A percentile of the latencies.
		 * @param percent e.g. 99
		 * @return the latency in milliseconds, 0 without requests
		 */
		double percentileMillis(double percent) {
			return percentileMillis(this.latencies, percent);
		}

		static double percentileMillis(long[] sorted, double percent) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
			return sorted[Math.clamp(index, 0, sorted.length - 1)] / 1e6;
		}

	}

}
