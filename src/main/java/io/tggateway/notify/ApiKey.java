package io.tggateway.notify;

import java.util.regex.Pattern;

import jakarta.validation.constraints.AssertTrue;

/**
 * The API key of a calling service, a secret: {@link #toString()} never shows it.
 *
 * @param value the key, at least 16 characters that can be sent in a bearer token
 */
record ApiKey(String value) {

	/** The fewest characters a key may have. */
	static final int MIN_LENGTH = 16;

	/** The characters of a bearer token (RFC 6750 {@code b64token}). */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

	/**
	 * Reads a key from configuration (the binder converts with this method).
	 * @param value the key
	 * @return the key
	 */
	public static ApiKey valueOf(String value) {
		return new ApiKey(value);
	}

	/**
	 * Whether the key is long enough and can be sent as a bearer token.
	 * @return {@code true} if usable
	 */
	@AssertTrue(message = "must be at least " + MIN_LENGTH + " characters of A-Z, a-z, 0-9 and ._~+/- : set "
			+ "gateway.api.keys.<client> (environment variable GATEWAY_API_KEYS_<CLIENT>) to a random secret, "
			+ "for example the output of `openssl rand -hex 32`")
	public boolean isUsable() {
		return this.value != null && this.value.length() >= MIN_LENGTH && TOKEN.matcher(this.value).matches();
	}

	@Override
	public String toString() {
		return "ApiKey[****]";
	}

}
