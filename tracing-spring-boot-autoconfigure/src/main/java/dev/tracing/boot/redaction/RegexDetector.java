package dev.tracing.boot.redaction;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A detector defined by a regular expression. Each thread reuses its own {@link Matcher},
 * so a search that finds nothing allocates nothing.
 */
final class RegexDetector extends Detector {

	private static final Log logger = LogFactory.getLog(RegexDetector.class);

	private final Pattern pattern;

	private final String replacement;

	private final ThreadLocal<Matcher> matchers;

	private final AtomicBoolean overflowReported = new AtomicBoolean();

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
		catch (StackOverflowError ex) {
			// Some expressions recurse once per character; on a long value, mask it all
			// rather than let it through or fail the caller (possibly a request thread).
			if (this.overflowReported.compareAndSet(false, true)) {
				logger.warn("Tracing redaction pattern '" + name() + "' overflowed the stack on a value of "
						+ value.length() + " characters; such values are replaced entirely. Simplify the "
						+ "expression (avoid repeated alternations such as (a|b)*).");
			}
			return this.replacement;
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
