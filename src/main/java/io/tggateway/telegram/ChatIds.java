package io.tggateway.telegram;

/**
 * Chat ids as logs and the ops endpoint show them: a chat id names a person (or their
 * group), which some operators must not keep in logs, while the last digits and the kind
 * of chat are enough to tell chats apart while investigating.
 */
public final class ChatIds {

	private static final int VISIBLE_DIGITS = 4;

	/** Supergroup and channel ids start with -100 followed by at least 10 digits. */
	private static final long SUPERGROUP_BELOW = -1_000_000_000_000L;

	private ChatIds() {
	}

	/**
	 * Masks a chat id, keeping only its last four digits and the kind of chat it is:
	 * {@code …4567} for a person, {@code -…4567} for a group, {@code -100…4567} for a
	 * supergroup or channel.
	 * @param chatId the chat id
	 * @return the masked id
	 */
	public static String mask(long chatId) {
		String digits = Long.toString(Math.abs(chatId));
		String last = digits.substring(Math.max(0, digits.length() - VISIBLE_DIGITS));
		String prefix = (chatId <= SUPERGROUP_BELOW) ? "-100" : (chatId < 0) ? "-" : "";
		return prefix + "…" + last;
	}

}
