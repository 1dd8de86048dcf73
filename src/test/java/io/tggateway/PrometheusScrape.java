package io.tggateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /actuator/prometheus} over real HTTP, read as Prometheus reads the
 * text format: samples with a name, labels and a value.
 */
final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private PrometheusScrape(List<Sample> samples) {
		this.samples = samples;
	}

	/**
	 * Scrapes the endpoint.
	 * @param managementPort the management server's port
	 * @return the scrape
	 */
	static PrometheusScrape of(int managementPort) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "text/plain")
			.build();
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<String> response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Scrape answered " + response.statusCode() + ": " + response.body());
			}
			return parse(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a sample: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
		}
		return new PrometheusScrape(samples);
	}

	/**
	 * The names of the series whose name starts with the prefix.
	 * @param prefix the prefix
	 * @return the names, sorted
	 */
	Set<String> names(String prefix) {
		return this.samples.stream()
			.map(Sample::name)
			.filter((name) -> name.startsWith(prefix))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * The values a label takes in the series of one name.
	 * @param name the series' name
	 * @return the values of each label
	 */
	Map<String, Set<String>> labelValues(String name) {
		Map<String, Set<String>> values = new TreeMap<>();
		for (Sample sample : samples(name)) {
			sample.labels()
				.forEach((label, value) -> values.computeIfAbsent(label, (key) -> new TreeSet<>()).add(value));
		}
		return values;
	}

	/**
	 * The samples of one name.
	 * @param name the series' name
	 * @return the samples
	 */
	List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	/**
	 * The value of the one series of a name that has the given labels (among others).
	 * @param name the series' name
	 * @param labels label names and values, alternating
	 * @return the sum over the matching series
	 */
	double value(String name, String... labels) {
		List<Sample> matching = samples(name).stream().filter((sample) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
		if (matching.isEmpty()) {
			throw new IllegalArgumentException("No series " + name + " with " + List.of(labels));
		}
		return matching.stream().mapToDouble(Sample::value).sum();
	}

	/**
	 * One sample.
	 *
	 * @param name the series' name
	 * @param labels its labels
	 * @param value its value
	 */
	record Sample(String name, Map<String, String> labels, double value) {
	}

}
