package io.tggateway.notify;

import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tggateway.audience.ChatStates;
import io.tggateway.audience.SubjectLinks;

/**
 * {@code /api/v1/subjects/{subject}}: the chats linked to a subject, and unlinking them.
 */
@RestController
@RequestMapping("/api/v1/subjects/{subject}")
@Tag(name = "Subjects")
class SubjectController {

	private static final Logger logger = LoggerFactory.getLogger(SubjectController.class);

	private final SubjectLinks links;

	private final ChatStates chats;

	SubjectController(SubjectLinks links, ChatStates chats) {
		this.links = links;
		this.chats = chats;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getSubject", summary = "List the chats linked to a subject")
	@ApiResponse(responseCode = "200", description = "The subject's chats; an empty list if none is linked")
	SubjectResponse find(@Parameter(description = "The subject, such as user-42") @PathVariable String subject,
			HttpServletRequest request) {
		check(subject, request);
		List<SubjectResponse.LinkedChat> linked = this.links.chatsOf(subject).stream().map((chatId) -> {
			String reason = this.chats.inactiveReason(chatId).orElse(null);
			return new SubjectResponse.LinkedChat(chatId, reason == null, reason);
		}).toList();
		return new SubjectResponse(subject, linked);
	}

	@DeleteMapping
	@Operation(operationId = "unlinkSubject", summary = "Unlink every chat from a subject",
			description = "Idempotent: unlinking twice is fine.")
	@ApiResponse(responseCode = "204", description = "No chat is linked to the subject any more")
	ResponseEntity<Void> unlink(@Parameter(hidden = true) @RequestAttribute(ApiKeyFilter.CLIENT) String client,
			@Parameter(description = "The subject, such as user-42") @PathVariable String subject,
			HttpServletRequest request) {
		check(subject, request);
		int unlinked = this.links.unlinkSubject(subject);
		logger.debug("Client {} unlinked {} chats from a subject", client, unlinked);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Checks the subject; a path parameter ({@code ;...}) would be cut off the subject by
	 * the path matching, and unlinking the subject that is left is not what was asked.
	 */
	private static void check(String subject, HttpServletRequest request) {
		Optional<String> problem = request.getRequestURI().contains(";")
				? Optional.of("must not contain ';' (a path parameter); subjects are A-Z, a-z, 0-9 and . _ : @ -")
				: InputRules.subject(subject);
		problem.ifPresent((message) -> {
			throw ApiException.invalid(List.of(new InvalidField("subject", message)));
		});
	}

}
