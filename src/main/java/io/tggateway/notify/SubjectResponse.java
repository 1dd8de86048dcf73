package io.tggateway.notify;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A subject and the chats linked to it.
 *
 * @param subject the subject
 * @param chats the linked chats, oldest link first; empty if none
 */
@Schema(name = "Subject")
record SubjectResponse(@Schema(example = "user-42") String subject, List<LinkedChat> chats) {

	/**
	 * A chat linked to the subject.
	 *
	 * @param chatId the chat
	 * @param active whether the chat accepts messages; topics skip inactive chats
	 * @param inactiveReason why the chat does not accept messages (the person blocked the
	 * bot...)
	 */
	@Schema(name = "LinkedChat")
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LinkedChat(long chatId, boolean active, @Nullable String inactiveReason) {
	}

}
