package dev.tracing.boot.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names whose values are secrets, whatever the values look like: JSON fields, form fields,
 * query parameters, headers, span and resource attribute keys and command-line options named
 * {@code password}, {@code apiToken}, {@code X-Api-Key} and so on. Given as the
 * case-insensitive wildcard patterns of {@code tracing.redaction.sensitive-keys}, in the
 * spirit of Elastic's {@code sanitize_field_names}: {@code *} matches any run of
 * characters, so {@code *token*} matches {@code apiToken} and {@code x-refresh-token}, and
 * {@code cvv} matches only {@code cvv}.
 * <p>
 * Matching allocates nothing: names are compared in place, ignoring ASCII case.
 */
public final class SensitiveKeys {

	/** The value that replaces the value of a sensitive key. */
	public static final String REDACTED = "[REDACTED]";

	/** No key is sensitive. */
	public static final SensitiveKeys NONE = new SensitiveKeys(List.of());

	private static final int MAX_CACHED_ATTRIBUTE_KEYS = 2048;

	private static final String[] HEADER_PREFIXES = { "http.request.header.", "http.response.header." };

	private final WildcardPattern[] patterns;

	private final List<String> expressions;

	private final Map<String, Boolean> attributeKeys = new ConcurrentHashMap<>();

	/**
	 * Creates the set of sensitive keys.
	 * @param patterns case-insensitive patterns in which {@code *} matches any run of
	 * characters
	 */
	public SensitiveKeys(List<String> patterns) {
		this.expressions = List.copyOf(patterns);
		this.patterns = patterns.stream().map(WildcardPattern::new).toArray(WildcardPattern[]::new);
	}

	/** Whether no key is sensitive. */
	public boolean isEmpty() {
		return this.patterns.length == 0;
	}

	/** Whether values named {@code name} are secrets. */
	public boolean matches(CharSequence name) {
		return name != null && matches(name, 0, name.length());
	}

	/** Whether values named by {@code text[start, end)} are secrets. */
	public boolean matches(CharSequence text, int start, int end) {
		for (WildcardPattern pattern : this.patterns) {
			if (pattern.matches(text, start, end)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an attribute's values are secrets: the whole key matches ({@code user.password},
	 * {@code vault.token}), or, for a captured header ({@code http.request.header.x-api-key}),
	 * the header's name; the {@code Authorization} and {@code Proxy-Authorization} headers
	 * always are. Keys are matched whole so that a conventional key that merely ends in
	 * a short word, such as {@code messaging.kafka.message.key}, is not taken for a secret.
	 */
	public boolean matchesAttributeKey(String key) {
		if (this.patterns.length == 0) {
			return false;
		}
		Boolean cached = this.attributeKeys.get(key);
		if (cached != null) {
			return cached;
		}
		int header = headerNameStart(key);
		boolean sensitive = (header > 0) ? isCredentialHeader(key, header) || matches(key, header, key.length())
				: matches(key);
		if (this.attributeKeys.size() < MAX_CACHED_ATTRIBUTE_KEYS) {
			this.attributeKeys.put(key, sensitive);
		}
		return sensitive;
	}

	/** Authorization and Proxy-Authorization are masked whatever the patterns say. */
	private static boolean isCredentialHeader(String key, int nameStart) {
		String name = key.substring(nameStart);
		return name.equals("authorization") || name.equals("proxy-authorization");
	}

	private static int headerNameStart(String key) {
		for (String prefix : HEADER_PREFIXES) {
			if (key.startsWith(prefix)) {
				return prefix.length();
			}
		}
		return -1;
	}

	@Override
	public String toString() {
		return this.expressions.toString();
	}

	/** One pattern: literal parts separated by {@code *}, compared ignoring ASCII case. */
	private static final class WildcardPattern {

		private final String[] parts;

		private final boolean anchoredStart;

		private final boolean anchoredEnd;

		WildcardPattern(String pattern) {
			String lowerCase = pattern.trim().toLowerCase(Locale.ROOT);
			this.anchoredStart = !lowerCase.startsWith("*");
			this.anchoredEnd = !lowerCase.endsWith("*");
			this.parts = java.util.Arrays.stream(lowerCase.split("\\*"))
				.filter((part) -> !part.isEmpty())
				.toArray(String[]::new);
		}

		boolean matches(CharSequence text, int start, int end) {
			if (this.parts.length == 0) {
				// "*" alone, or "**": everything.
				return true;
			}
			int position = start;
			int last = this.parts.length - 1;
			for (int i = 0; i <= last; i++) {
				String part = this.parts[i];
				if (i == 0 && this.anchoredStart) {
					if (!regionMatches(text, position, end, part)) {
						return false;
					}
					position += part.length();
					if (last == 0 && this.anchoredEnd) {
						return position == end;
					}
					continue;
				}
				if (i == last && this.anchoredEnd) {
					int from = end - part.length();
					return from >= position && regionMatches(text, from, end, part);
				}
				int found = indexOf(text, position, end, part);
				if (found < 0) {
					return false;
				}
				position = found + part.length();
			}
			return true;
		}

		private static int indexOf(CharSequence text, int from, int end, String part) {
			for (int i = from; i <= end - part.length(); i++) {
				if (regionMatches(text, i, end, part)) {
					return i;
				}
			}
			return -1;
		}

		private static boolean regionMatches(CharSequence text, int from, int end, String part) {
			if (end - from < part.length()) {
				return false;
			}
			for (int i = 0; i < part.length(); i++) {
				char c = text.charAt(from + i);
				if (c >= 'A' && c <= 'Z') {
					c = (char) (c + ('a' - 'A'));
				}
				if (c != part.charAt(i)) {
					return false;
				}
			}
			return true;
		}

	}

}
