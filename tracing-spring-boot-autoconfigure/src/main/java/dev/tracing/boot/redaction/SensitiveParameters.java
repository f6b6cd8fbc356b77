package dev.tracing.boot.redaction;

/**
 * Replaces the values of sensitive parameters with {@value #REDACTED} in a query string or an
 * {@code application/x-www-form-urlencoded} body, and in the query of a URL, the way the
 * engine treats {@code url.query}. A parameter is sensitive when its name, as written or
 * URL-decoded, matches the {@link SensitiveKeys}. Text without a sensitive parameter is
 * returned as the same instance, and checking it allocates nothing unless a name is
 * percent-encoded.
 */
public final class SensitiveParameters {

	/** The value that replaces the value of a sensitive parameter. */
	public static final String REDACTED = "REDACTED";

	private final SensitiveKeys keys;

	public SensitiveParameters(SensitiveKeys keys) {
		this.keys = keys;
	}

	/**
	 * Redacts a query string or form body ({@code a=1&b=2}).
	 * @param parameters the parameters, without a leading {@code ?}
	 * @return the redacted parameters, or the same instance when none is sensitive
	 */
	public String redact(String parameters) {
		if (parameters == null || parameters.isEmpty() || this.keys.isEmpty()) {
			return parameters;
		}
		return redact(parameters, 0, parameters.length());
	}

	/**
	 * Redacts the query of a URL ({@code https://host/path?a=1#top}), leaving the rest as it
	 * is.
	 * @param url the URL
	 * @return the redacted URL, or the same instance when no parameter is sensitive
	 */
	public String redactUrl(String url) {
		if (url == null || this.keys.isEmpty()) {
			return url;
		}
		int question = url.indexOf('?');
		if (question < 0) {
			return url;
		}
		int fragment = url.indexOf('#', question);
		return redact(url, question + 1, (fragment >= 0) ? fragment : url.length());
	}

	private String redact(String text, int from, int to) {
		StringBuilder result = null;
		int start = from;
		while (start <= to) {
			int end = text.indexOf('&', start);
			if (end < 0 || end > to) {
				end = to;
			}
			int equals = text.indexOf('=', start);
			if (equals > start && equals < end && isSensitive(text, start, equals)) {
				if (result == null) {
					result = new StringBuilder(text.length()).append(text, 0, start);
				}
				result.append(text, start, equals + 1).append(REDACTED);
			}
			else if (result != null) {
				result.append(text, start, end);
			}
			if (end < to && result != null) {
				result.append('&');
			}
			start = end + 1;
		}
		if (result == null) {
			return text;
		}
		return result.append(text, to, text.length()).toString();
	}

	private boolean isSensitive(String text, int start, int end) {
		if (this.keys.matches(text, start, end)) {
			return true;
		}
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c == '%' || c == '+') {
				String decoded = decode(text, start, end);
				return decoded != null && this.keys.matches(decoded);
			}
		}
		return false;
	}

	/** The URL-decoded name, or {@code null} when it is not validly encoded. */
	private static String decode(String text, int start, int end) {
		try {
			return java.net.URLDecoder.decode(text.substring(start, end), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
