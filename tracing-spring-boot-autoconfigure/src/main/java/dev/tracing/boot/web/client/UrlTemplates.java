package dev.tracing.boot.web.client;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.incubating.UrlIncubatingAttributes;

/**
 * Puts the URI template of an outgoing call on its client span as {@code url.template}, the
 * low-cardinality equivalent of APItoolkit's {@code url_wildcard}.
 */
final class UrlTemplates {

	static final AttributeKey<String> URL_TEMPLATE = UrlIncubatingAttributes.URL_TEMPLATE;

	private UrlTemplates() {
	}

	/**
	 * Sets {@code url.template} on the current span if it is a recording client span and
	 * the template has variables: a literal URL may have been built by concatenation and
	 * would not be low-cardinality.
	 */
	static void applyToCurrentClientSpan(String template) {
		if (template == null || template.indexOf('{') < 0) {
			return;
		}
		Span span = Span.current();
		if (span.isRecording() && span instanceof ReadableSpan readable && readable.getKind() == SpanKind.CLIENT) {
			span.setAttribute(URL_TEMPLATE, pathOf(template));
		}
	}

	/**
	 * The path-and-query part of a template, which is what {@code url.template} holds:
	 * {@code http://inventory:8080/items/{sku}} becomes {@code /items/{sku}}.
	 */
	static String pathOf(String template) {
		int scheme = template.indexOf("://");
		if (scheme <= 0 || template.indexOf('{') < scheme) {
			return template;
		}
		int path = template.indexOf('/', scheme + 3);
		int query = template.indexOf('?', scheme + 3);
		if (path < 0 || (query >= 0 && query < path)) {
			return (query >= 0) ? "/" + template.substring(query) : "/";
		}
		return template.substring(path);
	}

}
