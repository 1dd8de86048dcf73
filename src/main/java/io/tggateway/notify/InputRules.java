package io.tggateway.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rules that request values follow wherever they appear: each check answers with what
 * is wrong, in words a client can act on, or empty when the value is fine.
 */
final class InputRules {

	/** What a subject is: an internal id such as {@code user-42}. */
	static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

	/** The shortest link lifetime. */
	static final Duration MIN_TTL = Duration.ofMinutes(1);

	/** The longest link lifetime. */
	static final Duration MAX_TTL = Duration.ofDays(30);

	/** The longest idempotency key. */
	static final int MAX_KEY_LENGTH = 255;

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private InputRules() {
	}

	static Optional<String> subject(@Nullable String subject) {
		if (subject == null) {
			return Optional.of("is required");
		}
		if (!SUBJECT.matcher(subject).matches()) {
			return Optional.of("must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ : @ -, such as user-42");
		}
		return Optional.empty();
	}

	/**
	 * Checks a message text: present, not blank, and without characters Telegram cannot
	 * show.
	 * @param text the text
	 * @return the problem, or empty
	 */
	static Optional<String> text(@Nullable String text) {
		if (text == null) {
			return Optional.of("is required");
		}
		if (text.isEmpty()) {
			return Optional.of("must not be empty");
		}
		if (text.isBlank()) {
			return Optional.of("must not be blank: Telegram does not send a message of only whitespace");
		}
		return badCharacter(text, true);
	}

	/**
	 * Checks a one-line label, such as a button's text.
	 * @param label the label
	 * @return the problem, or empty
	 */
	static Optional<String> label(@Nullable String label) {
		if (label == null) {
			return Optional.of("is required");
		}
		if (label.isBlank()) {
			return Optional.of("must not be blank");
		}
		return badCharacter(label, false);
	}

	/**
	 * Finds a control character or an unpaired surrogate.
	 * @param text the text
	 * @param lineBreaks whether line feed, carriage return and tab are allowed
	 * @return the problem, or empty
	 */
	private static Optional<String> badCharacter(String text, boolean lineBreaks) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
				String allowed = lineBreaks ? "other than line feed, carriage return and tab" : "(a one-line label)";
				return Optional.of("must not contain control characters " + allowed + "; found " + codePoint(c)
						+ " at index " + i);
			}
			if (Character.isSurrogate(c)) {
				boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1));
				if (!paired) {
					return Optional.of("contains an unpaired surrogate " + codePoint(c) + " at index " + i
							+ ", which is not a character");
				}
				i++;
			}
		}
		return Optional.empty();
	}

	/**
	 * Checks the URL of a button: an absolute http or https URL with a host, or a
	 * {@code tg://} link.
	 * @param url the URL
	 * @return the problem, or empty
	 */
	static Optional<String> buttonUrl(@Nullable String url) {
		if (url == null) {
			return Optional.of("is required");
		}
		String expected = "must be an absolute http://, https:// or tg:// URL";
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional
				.of(expected + "; this one is malformed (" + ex.getReason() + " at index " + ex.getIndex() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		// The authority rather than the host: a host name with "_" is no host to
		// java.net.URI.
		boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null;
		boolean telegram = scheme.equals("tg") && uri.getRawSchemeSpecificPart() != null
				&& uri.getRawSchemeSpecificPart().startsWith("//");
		return (web || telegram) ? Optional.empty() : Optional.of(expected);
	}

	/**
	 * Checks an {@code Idempotency-Key} header.
	 * @param key the header's value
	 * @return the problem, or empty
	 */
	static Optional<String> idempotencyKey(String key) {
		boolean printable = key.chars().allMatch((c) -> c >= 0x20 && c <= 0x7E);
		if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
			return Optional.of("must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters, such as a UUID");
		}
		return Optional.empty();
	}

	/**
	 * Reads a notification id.
	 * @param id the id from the path
	 * @return the id, or empty if it is not a UUID
	 */
	static Optional<UUID> notificationId(String id) {
		return UUID_FORM.matcher(id).matches() ? Optional.of(UUID.fromString(id)) : Optional.empty();
	}

	/**
	 * Checks a link lifetime.
	 * @param ttl an ISO-8601 duration
	 * @return the problem, or empty if it is a duration from one minute to 30 days
	 */
	static Optional<String> ttl(String ttl) {
		try {
			Duration duration = Duration.parse(ttl);
			if (duration.compareTo(MIN_TTL) < 0 || duration.compareTo(MAX_TTL) > 0) {
				return Optional.of("must be from PT1M (one minute) to P30D (30 days)");
			}
			return Optional.empty();
		}
		catch (DateTimeParseException ex) {
			return Optional.of("must be an ISO-8601 duration such as PT1H or P7D");
		}
	}

	private static String codePoint(char c) {
		return String.format(Locale.ROOT, "U+%04X", (int) c);
	}

}
