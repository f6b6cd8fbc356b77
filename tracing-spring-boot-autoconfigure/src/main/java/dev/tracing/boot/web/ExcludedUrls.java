package dev.tracing.boot.web;

import java.util.List;
import java.util.regex.Pattern;


/**
 * The {@code tracing.web.excluded-urls} expressions, compiled once and
 * searched anywhere in the request URL, as the Flask instrumentation does.
 */
public final class ExcludedUrls {

	private final Pattern[] patterns;

	private final List<String> expressions;

	public ExcludedUrls(List<String> expressions) {
		this.expressions = List.copyOf(expressions);
		// Separate patterns rather than one alternation: a pattern that starts with a literal
		// is searched with Boyer-Moore, several times faster on a URL that does not match.
		this.patterns = expressions.stream()
			.map(ExcludedUrls::withoutOuterWildcards)
			.map(Pattern::compile)
			.toArray(Pattern[]::new);
	}

	/**
	 * A leading or trailing {@code .*} cannot change whether a search finds a match, but
	 * makes the regex engine scan the rest of the URL on every attempt.
	 */
	private static String withoutOuterWildcards(String expression) {
		String trimmed = expression;
		while (trimmed.startsWith(".*")) {
			trimmed = trimmed.substring(2);
		}
		while (trimmed.endsWith(".*") && !trimmed.endsWith("\\.*")) {
			trimmed = trimmed.substring(0, trimmed.length() - 2);
		}
		return trimmed.isEmpty() ? expression : trimmed;
	}

	/** The expressions, as configured. */
	public List<String> expressions() {
		return this.expressions;
	}

	public boolean isEmpty() {
		return this.patterns.length == 0;
	}

	/** Whether the URL is excluded from tracing. */
	public boolean matches(CharSequence url) {
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(url).find()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.expressions.toString();
	}

}
