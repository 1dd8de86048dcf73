package io.tggateway.fake;

/**
 * Telegram's flood control as the fake enforces it on successful sends.
 *
 * @param globalPerSecond at most this many successful sends in any sliding 1-second
 * window
 * @param chatBurst capacity of the token bucket of each private chat (chat id &gt; 0)
 * @param chatPerSecond refill rate of each private chat's bucket, in messages per second
 * @param groupPerMinute at most this many sends to one group or channel (chat id &lt; 0)
 * in any sliding 60-second window
 */
public record SendLimits(int globalPerSecond, int chatBurst, double chatPerSecond, int groupPerMinute) {

	/**
	 * The limits Telegram documents: 30 messages per second overall, about one per second
	 * per chat (with a small burst), 20 per minute per group.
	 */
	public static final SendLimits TELEGRAM = new SendLimits(30, 3, 1.0, 20);

	public SendLimits {
		if (globalPerSecond < 1 || chatBurst < 1 || !(chatPerSecond > 0) || groupPerMinute < 1) {
			throw new IllegalArgumentException("All send limits must be positive: " + globalPerSecond + ", " + chatBurst
					+ ", " + chatPerSecond + ", " + groupPerMinute);
		}
	}

}
