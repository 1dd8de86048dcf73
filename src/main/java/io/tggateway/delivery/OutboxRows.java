package io.tggateway.delivery;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the outbox's rows: notifications and deliveries to and from their
 * columns, with their JSON columns (the message, its parts, the message ids).
 */
final class OutboxRows {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<Integer>> INTEGERS = new TypeReference<>() {
	};

	private OutboxRows() {
	}

	static StoredNotification notification(ResultSet row) throws SQLException {
		return new StoredNotification(row.getObject("id", UUID.class), row.getString("client"),
				row.getString("recipient"), read(row.getString("message"), OutgoingMessage.class),
				read(row.getString("parts"), STRINGS), instant(row, "created_at"), row.getString("idempotency_key"),
				row.getString("fingerprint"));
	}

	static DeliveryState delivery(ResultSet row) throws SQLException {
		return new DeliveryState(row.getLong("id"), row.getObject("notification_id", UUID.class),
				row.getLong("chat_id"), row.getLong("id"),
				DeliveryStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), row.getInt("attempts"),
				row.getInt("parts_sent"), read(row.getString("message_ids"), INTEGERS), row.getString("last_error"),
				row.getBoolean("possible_duplicate"), instant(row, "created_at"), instant(row, "updated_at"),
				instant(row, "next_attempt_at"), nullableInstant(row, "delivered_at"));
	}

	static String status(DeliveryStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	static String json(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	static Timestamp timestamp(Instant instant) {
		return Timestamp.from(instant);
	}

	static @Nullable Timestamp timestamp(@Nullable Instant instant, boolean nullable) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static <T> T read(String json, Class<T> type) {
		try {
			return JSON.readValue(json, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read a stored " + type.getSimpleName(), ex);
		}
	}

	private static <T> T read(String json, TypeReference<T> type) {
		try {
			return JSON.readValue(json, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read a stored list", ex);
		}
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
