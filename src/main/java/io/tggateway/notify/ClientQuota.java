package io.tggateway.notify;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The request quota of each client: a token bucket per client (Bucket4j) that holds one
 * second's worth of requests and refills continuously. The clients are known from
 * configuration, so the buckets are made once and never grow in number.
 */
final class ClientQuota {

	private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

	private final Map<String, Bucket> buckets;

	ClientQuota(Collection<String> clients, int requestsPerSecond) {
		this.buckets = clients.stream()
			.collect(Collectors.toUnmodifiableMap(Function.identity(), (client) -> bucket(requestsPerSecond)));
	}

	/**
	 * Takes one request from a client's quota.
	 * @param client the client
	 * @return empty if the request may go ahead, else how long the client should wait
	 * (whole seconds, at least one)
	 */
	Optional<Duration> tryAcquire(String client) {
		Bucket bucket = this.buckets.get(client);
		if (bucket == null) {
			throw new IllegalArgumentException("Unknown client " + client);
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return Optional.empty();
		}
		long seconds = Math.ceilDiv(probe.getNanosToWaitForRefill(), NANOS_PER_SECOND);
		return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
	}

	private static Bucket bucket(int requestsPerSecond) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(requestsPerSecond)
				.refillGreedy(requestsPerSecond, Duration.ofSeconds(1))
				.build())
			.build();
	}

}
