package io.tggateway.notify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.tggateway.notify.ApiCalls.Reply;

/**
 * A request as raw as a test needs: any method, content type, headers and bytes, sent
 * with or without {@code Content-Length}. {@code CHAT} in the body stands for the chat id
 * that {@link #forChat} gives it.
 */
final class RawRequest {

	private static final byte PLACEHOLDER = 1;

	private String method;

	private String path;

	private @Nullable String contentType;

	private byte[] body;

	private boolean chunked;

	private final List<String> headers = new ArrayList<>();

	private long chat;

	private RawRequest(String method, String path, @Nullable String contentType, String body) {
		this.method = method;
		this.path = path;
		this.contentType = contentType;
		this.body = body.getBytes(StandardCharsets.UTF_8);
	}

	/** A POST of a JSON body. */
	static RawRequest post(String path, String json) {
		return new RawRequest("POST", path, ApiCalls.JSON, json);
	}

	/** A request without a body. */
	static RawRequest of(String method, String path) {
		return new RawRequest(method, path, null, "");
	}

	/** A POST of a JSON body with raw bytes (invalid UTF-8...) in the middle. */
	static RawRequest post(String path, String before, byte[] raw, String after) {
		RawRequest request = post(path, before + (char) PLACEHOLDER + after);
		byte[] body = new byte[request.body.length - 1 + raw.length];
		int at = 0;
		while (request.body[at] != PLACEHOLDER) {
			at++;
		}
		System.arraycopy(request.body, 0, body, 0, at);
		System.arraycopy(raw, 0, body, at, raw.length);
		System.arraycopy(request.body, at + 1, body, at + raw.length, request.body.length - at - 1);
		request.body = body;
		return request;
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	RawRequest header(String name, String value) {
		this.headers.add(name);
		this.headers.add(value);
		return this;
	}

	RawRequest contentType(@Nullable String type) {
		this.contentType = type;
		return this;
	}

	RawRequest chunked() {
		this.chunked = true;
		return this;
	}

	RawRequest method(String method, String path) {
		this.method = method;
		this.path = path;
		return this;
	}

	RawRequest forChat(long chatId) {
		this.chat = chatId;
		// Byte for byte: the body may hold bytes that are not UTF-8 on purpose.
		this.body = new String(this.body, StandardCharsets.ISO_8859_1).replace("CHAT", Long.toString(chatId))
			.getBytes(StandardCharsets.ISO_8859_1);
		return this;
	}

	long chat() {
		return this.chat;
	}

	String path() {
		return this.path;
	}

	Reply send(ApiCalls api, String key) {
		return api.send(this.method, this.path, key, this.contentType, this.body, this.chunked,
				this.headers.toArray(String[]::new));
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
