package io.tggateway.notify;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.tggateway.audience.TopicSubscriptions;
import io.tggateway.audience.Topics;

/**
 * {@code /api/v1/topics}: the declared topics and how many chats follow each.
 */
@RestController
@Tag(name = "Topics", description = "Topics that people subscribe to in the chat")
class TopicController {

	private final Topics topics;

	private final TopicSubscriptions subscriptions;

	TopicController(Topics topics, TopicSubscriptions subscriptions) {
		this.topics = topics;
		this.subscriptions = subscriptions;
	}

	@GetMapping(path = "/api/v1/topics", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "listTopics", summary = "List the topics with their subscriber counts",
			description = "Topics are declared in configuration (gateway.topics.<name>.description); people "
					+ "subscribe in the chat with /subscribe <topic>.")
	@ApiResponse(responseCode = "200", description = "The topics, by name")
	List<TopicResponse> list() {
		Map<String, Integer> counts = this.subscriptions.counts();
		return this.topics.all()
			.stream()
			.map((topic) -> new TopicResponse(topic.name(), topic.description(), counts.getOrDefault(topic.name(), 0)))
			.toList();
	}

}
