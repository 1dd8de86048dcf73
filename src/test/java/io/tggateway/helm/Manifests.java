package io.tggateway.helm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The objects {@code helm template} rendered, parsed.
 *
 * @param all every object, in Helm's order
 */
record Manifests(List<Manifest> all) {

	static Manifests parse(String output) {
		List<Manifest> all = StreamSupport.stream(HelmChart.yaml().loadAll(output).spliterator(), false)
			.filter(Objects::nonNull)
			.map((document) -> new Manifest(Manifest.asMap(document)))
			.toList();
		return new Manifests(all);
	}

	List<Manifest> ofKind(String kind) {
		return this.all.stream().filter((manifest) -> manifest.kind().equals(kind)).toList();
	}

	List<String> kinds() {
		return this.all.stream().map(Manifest::kind).toList();
	}

	/**
	 * The one object of a kind with a name.
	 * @param kind the kind
	 * @param name the name
	 * @return the object
	 */
	Manifest get(String kind, String name) {
		List<Manifest> found = ofKind(kind).stream().filter((manifest) -> manifest.name().equals(name)).toList();
		if (found.size() != 1) {
			throw new AssertionError(found.size() + " " + kind + " named " + name + " among " + describe());
		}
		return found.get(0);
	}

	/**
	 * The one object of a kind.
	 * @param kind the kind
	 * @return the object
	 */
	Manifest only(String kind) {
		List<Manifest> found = ofKind(kind);
		if (found.size() != 1) {
			throw new AssertionError(found.size() + " " + kind + " among " + describe());
		}
		return found.get(0);
	}

	Manifest deployment() {
		return only("Deployment");
	}

	/**
	 * The tg-gateway container of the Deployment.
	 * @return the container
	 */
	Manifest container() {
		return deployment().object("spec.template.spec.containers.0");
	}

	/**
	 * The container's environment variables by name.
	 * @return each {@code EnvVar}
	 */
	Map<String, Manifest> env() {
		return container().objects("env")
			.stream()
			.collect(Collectors.toMap((env) -> env.string("name"), (env) -> env, (first, second) -> second,
					LinkedHashMap::new));
	}

	private String describe() {
		return this.all.stream().map((manifest) -> manifest.kind() + " " + manifest.name()).toList().toString();
	}

}
