package dev.tracing.boot.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector defined by a regular expression. Each thread reuses its own {@link Matcher},
 * so a search that finds nothing allocates nothing.
 */
final class RegexDetector extends Detector {

	private final Pattern pattern;

	private final String replacement;

	private final ThreadLocal<Matcher> matchers;

	RegexDetector(String name, int requiredFeatures, Pattern pattern, String replacement) {
		super(name, requiredFeatures);
		this.pattern = pattern;
		this.replacement = replacement;
		this.matchers = ThreadLocal.withInitial(() -> pattern.matcher(""));
	}

	@Override
	String mask(String value) {
		Matcher matcher = this.matchers.get().reset(value);
		StringBuilder masked = null;
		int copied = 0;
		try {
			while (matcher.find()) {
				int start = matcher.start();
				int end = matcher.end();
				if (masked == null) {
					masked = new StringBuilder(value.length());
				}
				masked.append(value, copied, start).append(this.replacement);
				copied = end;
			}
		}
		finally {
			// Do not keep a reference to the last (possibly large) text on the thread.
			matcher.reset("");
		}
		if (masked == null) {
			return value;
		}
		return masked.append(value, copied, value.length()).toString();
	}

	@Override
	public String toString() {
		return name() + "=" + this.pattern;
	}

}
