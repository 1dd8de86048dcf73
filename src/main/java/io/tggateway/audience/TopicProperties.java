package io.tggateway.audience;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The topics people can subscribe to ({@code gateway.topics.<name>.description}).
 *
 * @param topics the topics by name; a name is 1 to 64 characters of {@code a-z 0-9 _ -}
 */
@Validated
@ConfigurationProperties("gateway")
public record TopicProperties(@DefaultValue Map<String, @Valid Definition> topics) {

	private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

	/**
	 * Whether every topic name is well formed.
	 * @return {@code true} if all are
	 */
	@AssertTrue(message = "gateway.topics.<name>: a topic name is 1 to 64 characters of a-z, 0-9, _ and -")
	public boolean isNamesWellFormed() {
		return this.topics == null || this.topics.keySet().stream().allMatch((name) -> NAME.matcher(name).matches());
	}

	/**
	 * One topic.
	 *
	 * @param description what the topic is about, as {@code /topics} and the REST API
	 * show it
	 */
	public record Definition(@NotBlank @Size(max = 256) String description) {
	}

}
