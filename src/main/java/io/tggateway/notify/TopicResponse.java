package io.tggateway.notify;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A declared topic.
 *
 * @param name its name
 * @param description what it is about
 * @param subscribers how many chats are subscribed
 */
@Schema(name = "Topic")
record TopicResponse(@Schema(example = "releases") String name, @Schema(example = "Release notes") String description,
		int subscribers) {
}
