package io.tggateway.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.tggateway.audience.LinkInvitations;
import io.tggateway.audience.LinkInvitations.Invitation;
import io.tggateway.telegram.BotIdentity;

/**
 * {@code /api/v1/links}: one-time deep links that link a person's chat to a subject.
 */
@RestController
@Tag(name = "Subjects", description = "Link people's chats to internal subjects")
class LinkController {

	/** How long a client should wait while the bot's username is not known yet. */
	static final Duration NOT_READY_RETRY = Duration.ofSeconds(5);

	private final LinkInvitations invitations;

	private final BotIdentity identity;

	private final ApiProperties properties;

	LinkController(LinkInvitations invitations, BotIdentity identity, ApiProperties properties) {
		this.invitations = invitations;
		this.identity = identity;
		this.properties = properties;
	}

	@PostMapping(path = "/api/v1/links", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "issueLink", summary = "Issue a deep link for a subject",
			description = "Returns a one-time link https://t.me/<bot>?start=<token>. When a person opens it and "
					+ "presses Start, their chat is linked to the subject. The token works once, until it expires.")
	@ApiResponse(responseCode = "201", description = "The link")
	@ApiResponse(responseCode = "503", description = "The bot's username is not known yet (Telegram has not answered)",
			headers = @Header(name = "Retry-After", description = "Seconds to wait"))
	ResponseEntity<LinkResponse> issue(@RequestBody LinkRequest request) {
		List<InvalidField> problems = new ArrayList<>();
		InputRules.subject(request.subject())
			.ifPresent((message) -> problems.add(new InvalidField("subject", message)));
		if (request.ttl() != null) {
			InputRules.ttl(request.ttl()).ifPresent((message) -> problems.add(new InvalidField("ttl", message)));
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		String username = this.identity.username().orElseThrow(this::notReady);
		String subject = Objects.requireNonNull(request.subject());
		Duration ttl = (request.ttl() != null) ? Duration.parse(request.ttl()) : this.properties.linkTtl();
		Invitation invitation = this.invitations.issue(subject, ttl);
		String link = "https://t.me/" + username + "?start=" + invitation.token();
		return ResponseEntity.status(HttpStatus.CREATED).body(new LinkResponse(subject, link, invitation.expiresAt()));
	}

	private ApiException notReady() {
		if (this.identity.state() == BotIdentity.State.UNAUTHORIZED) {
			return new ApiException(ProblemType.BOT_NOT_READY, "Telegram rejected the bot token, so the bot's "
					+ "username is unknown and no link can be issued until the service restarts with a valid token");
		}
		return new ApiException(ProblemType.BOT_NOT_READY,
				"The bot's username is not known yet (Telegram has not answered getMe); retry in a few seconds")
			.retryAfter(NOT_READY_RETRY);
	}

}
