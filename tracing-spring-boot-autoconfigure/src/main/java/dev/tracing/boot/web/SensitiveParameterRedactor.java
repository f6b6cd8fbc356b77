package dev.tracing.boot.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;

/**
 * Replaces the values of sensitive parameters in a form body
 * ({@code application/x-www-form-urlencoded}) with {@value #REDACTED}, the way the engine
 * treats {@code url.query}. Names match as written or once URL-decoded.
 */
final class SensitiveParameterRedactor {

	static final String REDACTED = "REDACTED";

	private final Set<String> names;

	SensitiveParameterRedactor(Collection<String> names) {
		this.names = Set.copyOf(names);
	}

	String redact(String form) {
		if (this.names.isEmpty() || form.isEmpty()) {
			return form;
		}
		StringBuilder result = null;
		int start = 0;
		while (start <= form.length()) {
			int end = form.indexOf('&', start);
			if (end < 0) {
				end = form.length();
			}
			int equals = form.indexOf('=', start);
			if (equals > start && equals < end && isSensitive(form.substring(start, equals))) {
				if (result == null) {
					result = new StringBuilder(form.length()).append(form, 0, start);
				}
				result.append(form, start, equals + 1).append(REDACTED);
			}
			else if (result != null) {
				result.append(form, start, end);
			}
			if (end < form.length() && result != null) {
				result.append('&');
			}
			start = end + 1;
		}
		return (result != null) ? result.toString() : form;
	}

	private boolean isSensitive(String name) {
		if (this.names.contains(name)) {
			return true;
		}
		try {
			return this.names.contains(URLDecoder.decode(name, StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
