package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of attribute keys given as exact keys or as prefixes ending in {@code *}, such as
 * {@code tracing.redaction.drop-attributes}.
 */
final class AttributeKeys {

	private final Set<String> exact;

	private final String[] prefixes;

	private final List<String> keys;

	AttributeKeys(List<String> keys) {
		this.keys = List.copyOf(keys);
		Set<String> exact = new HashSet<>();
		List<String> prefixes = new ArrayList<>();
		for (String key : keys) {
			if (key.endsWith("*")) {
				prefixes.add(key.substring(0, key.length() - 1));
			}
			else {
				exact.add(key);
			}
		}
		this.exact = Set.copyOf(exact);
		this.prefixes = prefixes.toArray(String[]::new);
	}

	boolean isEmpty() {
		return this.keys.isEmpty();
	}

	boolean contains(String key) {
		if (this.exact.contains(key)) {
			return true;
		}
		for (String prefix : this.prefixes) {
			if (key.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.keys.toString();
	}

}
