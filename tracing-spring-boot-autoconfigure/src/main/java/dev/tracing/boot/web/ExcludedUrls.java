package dev.tracing.boot.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * The {@code tracing.web.excluded-urls} expressions, compiled once into a single pattern
 * that is searched anywhere in the request URL, as the Flask instrumentation does.
 */
public final class ExcludedUrls {

	private final Pattern pattern;

	private final List<String> expressions;

	public ExcludedUrls(List<String> expressions) {
		this.expressions = List.copyOf(expressions);
		this.pattern = expressions.isEmpty() ? null
				: Pattern.compile(expressions.stream().map((expression) -> "(?:" + expression + ")")
					.collect(Collectors.joining("|")));
	}

	public boolean isEmpty() {
		return this.pattern == null;
	}

	/** Whether the URL is excluded from tracing. */
	public boolean matches(CharSequence url) {
		return this.pattern != null && this.pattern.matcher(url).find();
	}

	/**
	 * Whether the request described by a server span's start attributes is excluded. The URL
	 * is rebuilt from {@code url.scheme}, {@code server.address}, {@code server.port},
	 * {@code url.path} and {@code url.query}.
	 */
	public boolean matches(Attributes startAttributes) {
		if (this.pattern == null) {
			return false;
		}
		String path = startAttributes.get(UrlAttributes.URL_PATH);
		if (path == null) {
			return false;
		}
		StringBuilder url = new StringBuilder(64);
		String scheme = startAttributes.get(UrlAttributes.URL_SCHEME);
		String host = startAttributes.get(ServerAttributes.SERVER_ADDRESS);
		if (scheme != null && host != null) {
			url.append(scheme).append("://").append(host);
			Long port = startAttributes.get(ServerAttributes.SERVER_PORT);
			if (port != null) {
				url.append(':').append(port.longValue());
			}
		}
		url.append(path);
		String query = startAttributes.get(UrlAttributes.URL_QUERY);
		if (query != null) {
			url.append('?').append(query);
		}
		return this.pattern.matcher(url).find();
	}

	@Override
	public String toString() {
		return this.expressions.toString();
	}

}
