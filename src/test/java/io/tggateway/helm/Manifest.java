package io.tggateway.helm;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One parsed YAML document (a rendered Kubernetes object, a rule file), read by dotted
 * paths such as {@code spec.template.spec.containers.0.ports}; a number picks a list
 * element.
 *
 * @param content the document
 */
record Manifest(Map<String, Object> content) {

	String kind() {
		return string("kind");
	}

	String name() {
		return string("metadata.name");
	}

	/**
	 * Finds a node.
	 * @param path the dotted path
	 * @return the node, or {@code null} if there is none
	 */
	@Nullable Object find(String path) {
		Object node = this.content;
		for (String key : path.split("\\.")) {
			if (node instanceof Map<?, ?> map) {
				node = map.get(key);
			}
			else if (node instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
				int index = Integer.parseInt(key);
				node = (index < list.size()) ? list.get(index) : null;
			}
			else {
				return null;
			}
			if (node == null) {
				return null;
			}
		}
		return node;
	}

	Object get(String path) {
		Object node = find(path);
		if (node == null) {
			throw new AssertionError("No " + path + " in " + describe());
		}
		return node;
	}

	String string(String path) {
		return String.valueOf(get(path));
	}

	int integer(String path) {
		Object node = get(path);
		if (node instanceof Number number) {
			return number.intValue();
		}
		throw new AssertionError(path + " is not a number in " + describe() + ": " + node);
	}

	Map<String, Object> map(String path) {
		return asMap(get(path));
	}

	List<Object> list(String path) {
		Object node = get(path);
		if (node instanceof List<?> list) {
			return List.copyOf(list);
		}
		throw new AssertionError(path + " is not a list in " + describe() + ": " + node);
	}

	/**
	 * The elements of a list of objects, each as a {@link Manifest}.
	 * @param path the dotted path of the list
	 * @return the elements
	 */
	List<Manifest> objects(String path) {
		return list(path).stream().map((element) -> new Manifest(asMap(element))).toList();
	}

	Manifest object(String path) {
		return new Manifest(map(path));
	}

	private String describe() {
		Object kind = this.content.get("kind");
		Object metadata = this.content.get("metadata");
		Object name = (metadata instanceof Map<?, ?> map) ? map.get("name") : null;
		return (kind != null) ? kind + " " + name : this.content.keySet().toString();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object node) {
		if (node instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new AssertionError("Not a mapping: " + node);
	}

}
