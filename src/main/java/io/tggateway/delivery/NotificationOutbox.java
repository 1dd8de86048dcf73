package io.tggateway.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.SubjectLinks;
import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.audience.Topics;
import io.tggateway.delivery.AcceptResult.Accepted;
import io.tggateway.delivery.OutboxStore.Insert;

/**
 * Where notifications enter: resolves the recipient to chats, splits the text into
 * Telegram messages, honours the client's idempotency key, and stores one delivery per
 * chat for the {@link DeliveryEngine} to send.
 * <ul>
 * <li>A chat id is taken as it is; a subject means every chat linked to it (none is an
 * error); a topic means every subscribed chat that is active (a topic nobody follows is
 * delivered to nobody).</li>
 * <li>The same idempotency key from the same client within
 * {@code gateway.delivery.idempotency-ttl} returns the first notification and sends
 * nothing; with a different request it is refused.</li>
 * <li>When the outbox holds {@code gateway.delivery.outbox-capacity} unfinished
 * deliveries, new notifications are refused until it empties.</li>
 * </ul>
 */
public final class NotificationOutbox {

	private final OutboxStore store;

	private final DeliveryEngine engine;

	private final MessageSplitter splitter = new MessageSplitter();

	private final Recipients recipients;

	private final DeliveryProperties properties;

	private final Clock clock;

	NotificationOutbox(OutboxStore store, DeliveryEngine engine, Recipients recipients, DeliveryProperties properties,
			Clock clock) {
		this.store = store;
		this.engine = engine;
		this.recipients = recipients;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Accepts a notification for delivery, or says why not.
	 * @param request the notification
	 * @return the outcome
	 */
	public AcceptResult accept(NewNotification request) {
		Instant now = this.clock.instant();
		String fingerprint = fingerprint(request);
		String key = request.idempotencyKey();
		if (key != null) {
			Optional<StoredNotification> earlier = this.store.findByKey(request.client(), key, now);
			if (earlier.isPresent()) {
				return repeated(earlier.get(), fingerprint, key);
			}
		}
		List<String> parts;
		try {
			parts = this.splitter.split(request.message().text(), request.message().parseMode());
		}
		catch (InvalidMarkupException | UnsplittableTextException ex) {
			return new AcceptResult.InvalidText(String.valueOf(ex.getMessage()));
		}
		List<Long> chats;
		switch (this.recipients.resolve(request.recipient())) {
			case Recipients.Resolved(List<Long> resolved) -> chats = resolved;
			case Recipients.Refused(AcceptResult refusal) -> {
				return refusal;
			}
		}
		StoredNotification notification = new StoredNotification(UUID.randomUUID(), request.client(),
				request.recipient().describe(), request.message(), parts, now, key, fingerprint);
		return switch (this.store.insert(notification, chats, this.properties.outboxCapacity())) {
			case Insert.Inserted(NotificationView view) -> {
				this.engine.wake();
				yield new Accepted(view, false);
			}
			case Insert.KeyTaken(StoredNotification existing) -> repeated(existing, fingerprint, String.valueOf(key));
			case Insert.Full(int unfinished) -> new AcceptResult.OutboxFull(retryAfter(unfinished));
		};
	}

	/**
	 * A notification of a client.
	 * @param client the client asking
	 * @param id the notification's id
	 * @return the notification, or empty if it is unknown, forgotten, or another client's
	 */
	public Optional<NotificationView> find(String client, UUID id) {
		return this.store.find(id).filter((view) -> view.client().equals(client));
	}

	private AcceptResult repeated(StoredNotification earlier, String fingerprint, String key) {
		if (!earlier.fingerprint().equals(fingerprint)) {
			return new AcceptResult.KeyReused(key);
		}
		return this.store.find(earlier.id())
			.<AcceptResult>map((view) -> new Accepted(view, true))
			.orElseGet(() -> new AcceptResult.KeyReused(key));
	}

	private Duration retryAfter(int unfinished) {
		long seconds = unfinished / Math.max(1, this.properties.limits().globalPerSecond());
		return Duration.ofSeconds(Math.clamp(seconds, 1, 60));
	}

	/**
	 * A hash of everything that makes a request what it is: a repeated idempotency key
	 * with another fingerprint is another request.
	 */
	private static String fingerprint(NewNotification request) {
		OutgoingMessage message = request.message();
		StringBuilder canonical = new StringBuilder().append(request.recipient().describe())
			.append('\u0000')
			.append(message.text())
			.append('\u0000')
			.append((message.parseMode() != null) ? message.parseMode().wireName() : "")
			.append('\u0000')
			.append(message.silent())
			.append(message.protectContent())
			.append(message.disableLinkPreview());
		for (UrlButton button : message.buttons()) {
			canonical.append('\u0000').append(button.text()).append('\u0001').append(button.url());
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Resolves recipients to chat ids, with the audience repositories.
	 *
	 * @param topics the declared topics
	 * @param links subject links
	 * @param subscriptions topic subscriptions
	 * @param chats chat states
	 */
	record Recipients(Topics topics, SubjectLinks links, TopicSubscriptions subscriptions, ChatStates chats) {

		Resolution resolve(Recipient recipient) {
			return switch (recipient) {
				case Recipient.Chat(long chatId) -> new Resolved(List.of(chatId));
				case Recipient.Subject(String subject) -> {
					List<Long> linked = this.links.chatsOf(subject);
					yield linked.isEmpty() ? new Refused(new AcceptResult.NoLinkedChat(subject)) : new Resolved(linked);
				}
				case Recipient.Topic(String topic) -> {
					if (this.topics.find(topic).isEmpty()) {
						yield new Refused(new AcceptResult.UnknownTopic(topic));
					}
					yield new Resolved(this.subscriptions.subscribers(topic)
						.stream()
						.filter((chat) -> this.chats.inactiveReason(chat).isEmpty())
						.toList());
				}
			};
		}

		sealed interface Resolution {

		}

		record Resolved(List<Long> chatIds) implements Resolution {
		}

		record Refused(AcceptResult refusal) implements Resolution {
		}

	}

}
