package io.tggateway.audience;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The topics declared in configuration.
 */
public final class Topics {

	private final List<Topic> all;

	public Topics(TopicProperties properties) {
		this.all = properties.topics()
			.entrySet()
			.stream()
			.map((entry) -> new Topic(entry.getKey(), entry.getValue().description()))
			.sorted(Comparator.comparing(Topic::name))
			.toList();
	}

	/**
	 * Every topic, by name.
	 * @return the topics
	 */
	public List<Topic> all() {
		return this.all;
	}

	/**
	 * A topic by name.
	 * @param name the name
	 * @return the topic, or empty if none is declared with that name
	 */
	public Optional<Topic> find(String name) {
		return this.all.stream().filter((topic) -> topic.name().equals(name)).findFirst();
	}

	/**
	 * A declared topic.
	 *
	 * @param name its name
	 * @param description what it is about
	 */
	public record Topic(String name, String description) {
	}

}
