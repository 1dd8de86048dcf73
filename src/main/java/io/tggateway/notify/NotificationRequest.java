package io.tggateway.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

import io.tggateway.delivery.OutgoingMessage;
import io.tggateway.delivery.ParseMode;
import io.tggateway.delivery.Recipient;
import io.tggateway.delivery.UrlButton;

/**
 * The body of {@code POST /api/v1/notifications}. Every field may be missing from the
 * JSON, so {@link #problems()} checks them all before the request becomes a notification.
 *
 * @param chatId a Telegram chat id: positive for a person, negative for a group or
 * channel
 * @param subject an internal subject such as {@code user-42}: every chat linked to it
 * @param topic a declared topic: every active chat subscribed to it
 * @param text the message; longer than 4,096 characters it is sent as several messages
 * @param parseMode {@code HTML} or {@code MarkdownV2}; plain text if missing
 * @param silent send without a notification sound
 * @param protectContent forbid forwarding and saving
 * @param disableLinkPreview show no link preview
 * @param buttons URL buttons under the (last) message, one per row
 */
@Schema(name = "NotificationRequest",
		description = "A notification. Exactly one of chatId, subject and topic names the recipient.")
record NotificationRequest(
		@Schema(description = "Telegram chat id: positive for a person, negative for a group or channel; never 0",
				example = "123456789") @Nullable Long chatId,
		@Schema(description = "Internal subject a person linked to their chat", pattern = "[A-Za-z0-9._:@-]{1,128}",
				example = "user-42") @Nullable String subject,
		@Schema(description = "Declared topic; every active subscribed chat receives the notification",
				example = "releases") @Nullable String topic,
		@Schema(requiredMode = RequiredMode.REQUIRED,
				description = "The text; longer than 4,096 characters it is split into several messages "
						+ "(never inside markup). Control characters other than \\n, \\r and \\t are refused.",
				example = "Your order has shipped.") @Nullable String text,
		@Schema(description = "How Telegram reads markup in the text: HTML or MarkdownV2; plain text if missing",
				example = "HTML") @Nullable String parseMode,
		@Schema(description = "Send without a notification sound", defaultValue = "false") @Nullable Boolean silent,
		@Schema(description = "Forbid forwarding and saving", defaultValue = "false") @Nullable Boolean protectContent,
		@Schema(description = "Show no link preview", defaultValue = "false") @Nullable Boolean disableLinkPreview,
		@ArraySchema(maxItems = MAX_BUTTONS, arraySchema = @Schema(
				description = "URL buttons under the (last) message, one per row")) @Nullable List<@Nullable Button> buttons) {

	/** The most buttons Telegram allows under a message. */
	static final int MAX_BUTTONS = 100;

	private static final List<String> RECIPIENTS = List.of("chatId", "subject", "topic");

	/**
	 * Checks every field.
	 * @return the invalid fields, empty if the request is fine
	 */
	List<InvalidField> problems() {
		List<InvalidField> problems = new ArrayList<>();
		checkRecipient(problems);
		InputRules.text(this.text).ifPresent((message) -> problems.add(new InvalidField("text", message)));
		if (this.parseMode != null && ParseMode.fromWireName(this.parseMode).isEmpty()) {
			problems.add(new InvalidField("parseMode",
					"must be HTML or MarkdownV2, or left out for plain text (legacy Markdown is not supported)"));
		}
		checkButtons(problems);
		return problems;
	}

	private void checkRecipient(List<InvalidField> problems) {
		List<String> given = new ArrayList<>();
		if (this.chatId != null) {
			given.add("chatId");
		}
		if (this.subject != null) {
			given.add("subject");
		}
		if (this.topic != null) {
			given.add("topic");
		}
		if (given.isEmpty()) {
			RECIPIENTS.forEach((field) -> problems
				.add(new InvalidField(field, "exactly one of chatId, subject and topic is required; none was given")));
			return;
		}
		if (given.size() > 1) {
			given.forEach((field) -> problems
				.add(new InvalidField(field, "exactly one of chatId, subject and topic is allowed; this request has "
						+ String.join(" and ", given))));
			return;
		}
		if (this.chatId != null && this.chatId == 0) {
			problems.add(new InvalidField("chatId",
					"must not be 0: Telegram chat ids are positive for people and negative for groups and channels"));
		}
		if (this.subject != null) {
			InputRules.subject(this.subject).ifPresent((message) -> problems.add(new InvalidField("subject", message)));
		}
		if (this.topic != null && this.topic.isBlank()) {
			problems.add(new InvalidField("topic", "must not be blank"));
		}
	}

	private void checkButtons(List<InvalidField> problems) {
		if (this.buttons == null) {
			return;
		}
		if (this.buttons.size() > MAX_BUTTONS) {
			problems.add(new InvalidField("buttons", "must have at most " + MAX_BUTTONS
					+ " buttons (Telegram's limit); this has " + this.buttons.size()));
			return;
		}
		for (int i = 0; i < this.buttons.size(); i++) {
			Button button = this.buttons.get(i);
			String field = "buttons[" + i + "]";
			if (button == null) {
				problems.add(new InvalidField(field, "must be an object with text and url"));
				continue;
			}
			InputRules.label(button.text())
				.ifPresent((message) -> problems.add(new InvalidField(field + ".text", message)));
			InputRules.buttonUrl(button.url())
				.ifPresent((message) -> problems.add(new InvalidField(field + ".url", message)));
		}
	}

	/**
	 * The recipient; only once {@link #problems()} found none.
	 * @return the recipient
	 */
	Recipient recipient() {
		if (this.chatId != null) {
			return new Recipient.Chat(this.chatId);
		}
		if (this.subject != null) {
			return new Recipient.Subject(this.subject);
		}
		return new Recipient.Topic(Objects.requireNonNull(this.topic, "topic"));
	}

	/**
	 * The message; only once {@link #problems()} found none.
	 * @return the message
	 */
	OutgoingMessage message() {
		ParseMode mode = Optional.ofNullable(this.parseMode).flatMap(ParseMode::fromWireName).orElse(null);
		List<UrlButton> urlButtons = (this.buttons != null) ? this.buttons.stream()
			.filter(Objects::nonNull)
			.map((button) -> new UrlButton(Objects.requireNonNull(button.text()), Objects.requireNonNull(button.url())))
			.toList() : List.of();
		return new OutgoingMessage(Objects.requireNonNull(this.text, "text"), mode, Boolean.TRUE.equals(this.silent),
				Boolean.TRUE.equals(this.protectContent), Boolean.TRUE.equals(this.disableLinkPreview), urlButtons);
	}

	/**
	 * A button under the message that opens a URL.
	 *
	 * @param text the label
	 * @param url an absolute http(s) URL or a {@code tg://} link
	 */
	@Schema(name = "Button")
	record Button(@Schema(requiredMode = RequiredMode.REQUIRED, example = "Track parcel") @Nullable String text,
			@Schema(requiredMode = RequiredMode.REQUIRED,
					example = "https://shop.example.com/orders/42") @Nullable String url) {
	}

}
