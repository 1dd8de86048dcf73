package io.tggateway.delivery;

/**
 * A button under a message that opens a URL.
 *
 * @param text the button's label
 * @param url the http(s) or tg:// URL it opens
 */
public record UrlButton(String text, String url) {
}
