package io.tggateway.notify;

/**
 * One entry of a problem's {@code errors}: a field of the request and what is wrong with
 * it.
 *
 * @param field where the field is, such as {@code text}, {@code buttons[2].url} or the
 * header {@code Idempotency-Key}
 * @param message what is wrong and what to change
 */
record InvalidField(String field, String message) {

	@Override
	public String toString() {
		return this.field + ": " + this.message;
	}

}
