package io.tggateway.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;

import io.tggateway.fake.FakeTelegram;
import io.tggateway.fake.SentMessage;

/**
 * Checks what the bot sent to each chat against what it had to send: every message at
 * least once, in order. A crash may repeat a short stretch (what was under way when it
 * hit), so a chat's messages may go back once per crash, but never skip ahead.
 */
final class ChatTranscripts {

	private ChatTranscripts() {
	}

	/**
	 * Asserts that every expected message reached its chat at least once, in order, and
	 * answers the repeated ones.
	 * @param fake the fake Bot API
	 * @param expected the texts each chat must receive, in order, each text once
	 * @param restarts how many times a chat's messages may go back (the crashes)
	 * @return the messages that arrived more than once, one entry per extra copy
	 */
	static List<Repeat> assertAtLeastOnceInOrder(FakeTelegram fake, Map<Long, List<String>> expected, int restarts) {
		SoftAssertions softly = new SoftAssertions();
		List<Repeat> repeats = new ArrayList<>();
		expected.forEach((chat, texts) -> {
			Map<String, Integer> positions = new HashMap<>();
			for (int i = 0; i < texts.size(); i++) {
				positions.put(texts.get(i), i);
			}
			List<SentMessage> sent = fake.sentTo(chat);
			Map<String, SentMessage> first = new HashMap<>();
			int highest = -1;
			int previous = -1;
			int wentBack = 0;
			for (SentMessage message : sent) {
				Integer position = positions.get(message.text());
				if (position == null) {
					softly.fail("chat %d received '%s', which it was not sent", chat, message.text());
					continue;
				}
				if (position > highest + 1) {
					softly.fail("chat %d received '%s' before '%s'", chat, message.text(), texts.get(highest + 1));
				}
				if (position <= previous) {
					wentBack++;
				}
				previous = position;
				highest = Math.max(highest, position);
				SentMessage earlier = first.putIfAbsent(message.text(), message);
				if (earlier != null) {
					repeats.add(new Repeat(chat, message.text(), earlier, message));
				}
			}
			softly.assertThat(first.keySet())
				.as("messages chat %d received (of %d)", chat, texts.size())
				.containsExactlyInAnyOrderElementsOf(texts);
			softly.assertThat(wentBack)
				.as("times the messages of chat %d went back", chat)
				.isLessThanOrEqualTo(restarts);
		});
		softly.assertAll();
		return repeats;
	}

	/**
	 * A message that reached its chat more than once.
	 *
	 * @param chat the chat
	 * @param text the text
	 * @param first its first copy
	 * @param again the repeated copy
	 */
	record Repeat(long chat, String text, SentMessage first, SentMessage again) {

	}

}
