package io.tggateway.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The chart under {@code helm/tg-gateway}, rendered and linted by the Helm that helm-java
 * embeds (no {@code helm} binary, no network). Values are given as nested maps, written
 * to a values file in a scratch directory, so any string survives (no {@code --set}
 * escaping).
 */
final class HelmChart {

	/** The chart, relative to the project (Surefire runs tests there). */
	static final Path DIRECTORY = Path.of("helm", "tg-gateway");

	/**
	 * A value that removes the chart's default ({@code null} in a values file).
	 */
	static final Object UNSET = new Object();

	/** A well-formed, made-up bot token. */
	static final String TOKEN = "123456789:fake-token-for-chart-tests_0000";

	static final String RELEASE = "gw";

	static final String NAMESPACE = "bots";

	/** What the release's objects are called. */
	static final String FULLNAME = RELEASE + "-tg-gateway";

	private final Path scratch;

	/**
	 * A chart that writes its values files to the given directory.
	 * @param scratch a directory of the test's own
	 */
	HelmChart(Path scratch) {
		this.scratch = scratch;
	}

	/**
	 * Renders the chart, as {@code helm template}.
	 * @param values the values, merged over the chart's values.yaml
	 * @return the rendered objects
	 */
	Manifests render(Map<String, Object> values) {
		String output = new Helm(DIRECTORY.toAbsolutePath()).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withValuesFile(writeValues(values))
			.call();
		return Manifests.parse(output);
	}

	/**
	 * Renders the chart with values it should refuse.
	 * @param values the values
	 * @return why Helm refused them
	 */
	String refuse(Map<String, Object> values) {
		try {
			String output = render(values).toString();
			throw new AssertionError("The chart rendered values it should refuse: " + values + "\n" + output);
		}
		catch (RuntimeException ex) {
			return String.valueOf(ex.getMessage());
		}
	}

	/**
	 * Lints a copy of the chart whose values.yaml has the given values merged in
	 * ({@code helm lint --strict}). Helm's lint reads the chart's own values.yaml only,
	 * and the chart's defaults lack the token on purpose.
	 * @param values the values to merge into values.yaml
	 * @return the lint result
	 */
	LintResult lint(Map<String, Object> values) {
		Path copy = this.scratch.resolve("chart-" + System.nanoTime()).resolve("tg-gateway");
		copyTree(DIRECTORY, copy);
		Map<String, Object> merged = merge(load(DIRECTORY.resolve("values.yaml")), values);
		write(copy.resolve("values.yaml"), merged);
		return new Helm(copy).lint().strict().call();
	}

	/**
	 * Values with the made-up token, the minimum the chart renders with.
	 * @param more more dotted keys and values, alternating
	 * @return the values
	 */
	static Map<String, Object> withToken(Object... more) {
		Map<String, Object> values = values(more);
		values.put("telegram", merge(Map.of("token", TOKEN), asMap(values.getOrDefault("telegram", Map.of()))));
		return values;
	}

	/**
	 * Nested values from dotted keys: {@code values("store.type", "jdbc")} is
	 * {@code {store: {type: jdbc}}}.
	 * @param keysAndValues dotted keys and values, alternating
	 * @return the values
	 */
	static Map<String, Object> values(Object... keysAndValues) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
			String[] keys = String.valueOf(keysAndValues[i]).split("\\.");
			Map<String, Object> node = values;
			for (int k = 0; k < keys.length - 1; k++) {
				node = asMap(node.computeIfAbsent(keys[k], (key) -> new LinkedHashMap<String, Object>()));
			}
			node.put(keys[keys.length - 1], keysAndValues[i + 1]);
		}
		return values;
	}

	static Map<String, Object> load(Path file) {
		try {
			Object document = yaml().load(Files.readString(file));
			return asMap(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Yaml yaml() {
		DumperOptions dumper = new DumperOptions();
		dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dumper), dumper);
	}

	private Path writeValues(Map<String, Object> values) {
		Path file = this.scratch.resolve("values-" + System.nanoTime() + ".yaml");
		write(file, values);
		return file;
	}

	private static void write(Path file, Map<String, Object> values) {
		try {
			Files.writeString(file, yaml().dump(withNulls(values)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static @Nullable Object withNulls(Object node) {
		if (node == UNSET) {
			return null;
		}
		if (node instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(String.valueOf(key), (value != null) ? withNulls(value) : null));
			return copy;
		}
		return node;
	}

	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, value) -> {
			Object current = merged.get(key);
			merged.put(key, (current instanceof Map<?, ?> && value instanceof Map<?, ?>)
					? merge(asMap(current), asMap(value)) : value);
		});
		return merged;
	}

	private static void copyTree(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			List<Path> all = paths.toList();
			for (Path path : all) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> asMap(Object node) {
		return Manifest.asMap(node);
	}

}
