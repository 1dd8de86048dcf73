package io.tggateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.tggateway.fake.SentMessage;

/**
 * What a run of {@link DeliveryLoadRunner} measured, from the sends the fake recorded.
 *
 * @param expected how many messages were due
 * @param received how many sends the fake recorded
 * @param intake how long accepting every notification took
 * @param elapsed from the first to the last send the fake recorded
 * @param rate messages per second over {@code elapsed}
 * @param steadyRate messages per second from one second after the first send to the
 * last
 * @param mostInOneSecond the most sends in any sliding second
 * @param tooManyRequests 429 answers of the fake
 * @param orderViolations sends that came after a later notification's send to the chat
 * @param duplicates notifications sent more than once
 * @param missing notifications never sent
 * @param unexpected sends no notification asked for
 * @param cpu CPU time of the service during the run
 * @param cpuLabel what {@code cpu} covers
 */
record DeliveryLoadResult(int expected, int received, Duration intake, Duration elapsed, double rate,
		double steadyRate, int mostInOneSecond, int tooManyRequests, int orderViolations, int duplicates, int missing,
		int unexpected, Duration cpu, String cpuLabel) {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	static DeliveryLoadResult analyse(Map<Long, List<String>> expectedByChat, List<SentMessage> sends,
			Duration intake, int tooManyRequests, Duration cpu, String cpuLabel) {
		List<SentMessage> sorted = sends.stream().sorted(Comparator.comparingLong(SentMessage::receivedAtNanos)).toList();
		Map<Long, List<SentMessage>> byChat = new LinkedHashMap<>();
		for (SentMessage sent : sends) {
			byChat.computeIfAbsent(sent.chatId(), (chat) -> new ArrayList<>()).add(sent);
		}
		int order = 0;
		int duplicates = 0;
		int missing = 0;
		int unexpected = 0;
		for (Map.Entry<Long, List<String>> chat : expectedByChat.entrySet()) {
			Map<String, Integer> position = new HashMap<>();
			List<String> texts = chat.getValue();
			for (int i = 0; i < texts.size(); i++) {
				position.put(texts.get(i), i);
			}
			Set<String> seen = new HashSet<>();
			int last = -1;
			for (SentMessage sent : byChat.getOrDefault(chat.getKey(), List.of())) {
				Integer at = position.get(sent.text());
				if (at == null) {
					unexpected++;
				}
				else if (!seen.add(sent.text())) {
					duplicates++;
				}
				else {
					order += (at < last) ? 1 : 0;
					last = Math.max(last, at);
				}
			}
			missing += texts.size() - seen.size();
		}
		for (Map.Entry<Long, List<SentMessage>> chat : byChat.entrySet()) {
			if (!expectedByChat.containsKey(chat.getKey())) {
				unexpected += chat.getValue().size();
			}
		}
		int expected = expectedByChat.values().stream().mapToInt(List::size).sum();
		if (sorted.size() < 2) {
			return new DeliveryLoadResult(expected, sorted.size(), intake, Duration.ZERO, 0, 0, sorted.size(),
					tooManyRequests, order, duplicates, missing, unexpected, cpu, cpuLabel);
		}
		long first = sorted.getFirst().receivedAtNanos();
		long last = sorted.getLast().receivedAtNanos();
		List<SentMessage> steady = sorted.stream().filter((sent) -> sent.receivedAtNanos() - first >= SECOND).toList();
		double steadyRate = (steady.size() < 2) ? 0
				: (steady.size() - 1) * 1e9 / (last - steady.getFirst().receivedAtNanos());
		return new DeliveryLoadResult(expected, sorted.size(), intake, Duration.ofNanos(last - first),
				(sorted.size() - 1) * 1e9 / (last - first), steadyRate, mostInOneSecond(sorted), tooManyRequests, order,
				duplicates, missing, unexpected, cpu, cpuLabel);
	}

	/**
	 * Whether every notification arrived exactly once, in order per chat, without a 429.
	 * @return {@code true} if nothing is wrong
	 */
	boolean correct() {
		return this.received == this.expected && this.tooManyRequests == 0 && this.orderViolations == 0
				&& this.duplicates == 0 && this.missing == 0 && this.unexpected == 0;
	}

	double percentOf(int limit) {
		return 100.0 * this.rate / limit;
	}

	/**
	 * A Markdown table of the results, one column per store.
	 * @param results the results by store
	 * @param limit Telegram's messages per second
	 * @return the table
	 */
	static String table(Map<String, DeliveryLoadResult> results, int limit) {
		StringBuilder table = new StringBuilder("| metric |");
		results.keySet().forEach((store) -> table.append(' ').append(store).append(" store |"));
		table.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
		List<DeliveryLoadResult> columns = List.copyOf(results.values());
		row(table, "notifications accepted (intake)", columns,
				(result) -> String.format(Locale.ROOT, "%,d in %.2f s", result.expected, seconds(result.intake)));
		row(table, "messages the fake recorded", columns,
				(result) -> String.format(Locale.ROOT, "%,d", result.received));
		row(table, "elapsed, first to last send", columns,
				(result) -> String.format(Locale.ROOT, "%.2f s", seconds(result.elapsed)));
		row(table, "messages/s sustained", columns, (result) -> String.format(Locale.ROOT, "**%.2f**", result.rate));
		row(table, "% of " + limit + "/s", columns,
				(result) -> String.format(Locale.ROOT, "**%.1f %%**", result.percentOf(limit)));
		row(table, "messages/s after the first second", columns, (result) -> String.format(Locale.ROOT,
				"%.2f (%.1f %%)", result.steadyRate, 100.0 * result.steadyRate / limit));
		row(table, "most sends in any sliding second", columns,
				(result) -> String.valueOf(result.mostInOneSecond));
		row(table, "429 answers", columns, (result) -> String.valueOf(result.tooManyRequests));
		row(table, "order violations per chat", columns, (result) -> String.valueOf(result.orderViolations));
		row(table, "duplicates", columns, (result) -> String.valueOf(result.duplicates));
		row(table, "missing", columns, (result) -> String.valueOf(result.missing));
		row(table, "unexpected", columns, (result) -> String.valueOf(result.unexpected));
		row(table, "service CPU s (per 1,000 messages)", columns, (result) -> String.format(Locale.ROOT,
				"%.2f (%.3f)", seconds(result.cpu), seconds(result.cpu) / (Math.max(1, result.received) / 1000.0)));
		return table.toString();
	}

	private static void row(StringBuilder table, String metric, List<DeliveryLoadResult> columns,
			Function<DeliveryLoadResult, String> value) {
		table.append("| ").append(metric).append(" |");
		columns.forEach((result) -> table.append(' ').append(value.apply(result)).append(" |"));
		table.append('\n');
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static int mostInOneSecond(List<SentMessage> sorted) {
		int most = 0;
		int from = 0;
		for (int to = 0; to < sorted.size(); to++) {
			while (sorted.get(to).receivedAtNanos() - sorted.get(from).receivedAtNanos() >= SECOND) {
				from++;
			}
			most = Math.max(most, to - from + 1);
		}
		return most;
	}

}
