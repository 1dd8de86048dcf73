package io.tggateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tggateway.fake.SentMessage;

/**
 * What one run of {@link EndToEndLoadRunner} measured and found, from the replies the
 * fake recorded.
 *
 * @param label the run's name ({@code warm-up 1}, {@code 2})
 * @param measured whether the run counts for the summary
 * @param expected how many replies were due
 * @param received how many replies the fake recorded
 * @param elapsed from the release of the updates to the last reply the fake recorded
 * @param rate replies per second over {@code elapsed}
 * @param percentOfIdeal the ideal elapsed time over the measured one, in percent
 * @param orderViolations replies that came after a reply to a later update of the chat
 * @param duplicates replies recorded more than once
 * @param missing updates without a reply
 * @param unexpected replies that no update of this run asked for
 * @param cpuPerThousand CPU seconds of the service per 1,000 replies
 * @param cpu the CPU the service, the runner and the machine used during the run
 * @param firstReplies when each chat's first reply came (min, median, max)
 * @param lastReplies when each chat's last reply came (min, median, max)
 * @param meanGap the mean time between two replies in one chat
 * @param polls {@code getUpdates} calls during the run
 * @param releaseTook how long putting all updates into the fake took
 */
record RunResult(String label, boolean measured, int expected, int received, Duration elapsed, double rate,
		double percentOfIdeal, int orderViolations, int duplicates, int missing, int unexpected,
		double cpuPerThousand, CpuSample.Used cpu, Spread firstReplies, Spread lastReplies, Duration meanGap, int polls,
		Duration releaseTook) {

	static RunResult analyse(String label, boolean measured, LoadOptions options, Map<Long, List<String>> sentByChat,
			List<SentMessage> replies, long releasedAt, long releaseDone, CpuSample.Used cpu, int polls) {
		Map<Long, List<SentMessage>> repliesByChat = new LinkedHashMap<>();
		for (SentMessage reply : replies) {
			repliesByChat.computeIfAbsent(reply.chatId(), (chat) -> new ArrayList<>()).add(reply);
		}
		int order = 0;
		int duplicates = 0;
		int missing = 0;
		int unexpected = 0;
		long last = releasedAt;
		long gaps = 0;
		int gapCount = 0;
		long[] firsts = new long[sentByChat.size()];
		long[] lasts = new long[sentByChat.size()];
		int chatIndex = 0;
		for (Map.Entry<Long, List<String>> chat : sentByChat.entrySet()) {
			List<String> texts = chat.getValue();
			Map<String, Integer> position = new HashMap<>();
			for (int i = 0; i < texts.size(); i++) {
				position.put(texts.get(i), i);
			}
			Set<String> seen = new HashSet<>();
			int lastPosition = -1;
			List<SentMessage> chatReplies = repliesByChat.getOrDefault(chat.getKey(), List.of());
			for (SentMessage reply : chatReplies) {
				Integer at = position.get(reply.text());
				if (at == null) {
					unexpected++;
				}
				else if (!seen.add(reply.text())) {
					duplicates++;
				}
				else {
					order += (at < lastPosition) ? 1 : 0;
					lastPosition = Math.max(lastPosition, at);
				}
				last = Math.max(last, reply.receivedAtNanos());
			}
			missing += texts.size() - seen.size();
			if (!chatReplies.isEmpty()) {
				long first = chatReplies.getFirst().receivedAtNanos();
				long end = chatReplies.getLast().receivedAtNanos();
				firsts[chatIndex] = first - releasedAt;
				lasts[chatIndex] = end - releasedAt;
				if (chatReplies.size() > 1) {
					gaps += (end - first) / (chatReplies.size() - 1);
					gapCount++;
				}
			}
			chatIndex++;
		}
		for (Map.Entry<Long, List<SentMessage>> chat : repliesByChat.entrySet()) {
			if (!sentByChat.containsKey(chat.getKey())) {
				unexpected += chat.getValue().size();
			}
		}
		Duration elapsed = Duration.ofNanos(last - releasedAt);
		double seconds = Math.max(1, elapsed.toNanos()) / 1e9;
		int expected = options.totalUpdates();
		return new RunResult(label, measured, expected, replies.size(), elapsed, expected / seconds,
				100.0 * options.idealElapsed().toNanos() / Math.max(1, elapsed.toNanos()), order, duplicates, missing,
				unexpected, cpu.service().toNanos() / 1e9 / (expected / 1000.0), cpu, Spread.of(firsts), Spread.of(lasts),
				Duration.ofNanos((gapCount > 0) ? gaps / gapCount : 0), polls,
				Duration.ofNanos(releaseDone - releasedAt));
	}

	/**
	 * Whether every update got exactly one reply, in order per chat.
	 * @return {@code true} if nothing is wrong
	 */
	boolean correct() {
		return this.orderViolations == 0 && this.duplicates == 0 && this.missing == 0 && this.unexpected == 0;
	}

	/**
	 * The smallest, median and largest of per-chat times, from the release.
	 *
	 * @param min the smallest
	 * @param median the median
	 * @param max the largest
	 */
	record Spread(Duration min, Duration median, Duration max) {

		static Spread of(long[] nanos) {
			if (nanos.length == 0) {
				return new Spread(Duration.ZERO, Duration.ZERO, Duration.ZERO);
			}
			long[] sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Spread(Duration.ofNanos(sorted[0]), Duration.ofNanos(sorted[sorted.length / 2]),
					Duration.ofNanos(sorted[sorted.length - 1]));
		}

		@Override
		public String toString() {
			return String.format("%d / %d / %d ms", this.min.toMillis(), this.median.toMillis(), this.max.toMillis());
		}

	}

}
