package dev.tracing.boot.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * Replaces the values of captured {@code http.request.header.<name>} and
 * {@code http.response.header.<name>} attributes of redacted headers with
 * {@value #REDACTED}, on server and client spans. Request headers are redacted as the span
 * starts, right after the sampler has seen them, so a raw credential never stays on a span
 * that waits for export; response headers, which the engine adds as the span ends, are
 * redacted before the span is handed to the exporter.
 * <p>
 * Only the attribute keys that can hold a redacted value are checked: the captured header
 * names (from the engine's effective {@code otel.instrumentation.http.*.capture-*-headers}
 * settings) that are sensitive ({@code tracing.redaction.sensitive-keys}, plus
 * {@code Authorization} and {@code Proxy-Authorization} always), all computed once at
 * start-up.
 */
public final class HeaderRedactingSpanProcessor implements ExtendedSpanProcessor {

	/** The value that replaces every value of a redacted header. */
	public static final String REDACTED = "[REDACTED]";

	private final List<AttributeKey<List<String>>> requestKeys;

	private final List<AttributeKey<List<String>>> allKeys;

	private HeaderRedactingSpanProcessor(List<AttributeKey<List<String>>> requestKeys,
			List<AttributeKey<List<String>>> responseKeys) {
		this.requestKeys = requestKeys;
		List<AttributeKey<List<String>>> all = new ArrayList<>(requestKeys);
		all.addAll(responseKeys);
		this.allKeys = List.copyOf(all);
	}

	/**
	 * Returns a processor for the headers that are both captured and redacted, or
	 * {@code null} when no captured header is redacted, so that nothing runs per span.
	 */
	public static HeaderRedactingSpanProcessor forCapturedHeaders(Collection<String> capturedRequestHeaders,
			Collection<String> capturedResponseHeaders, Predicate<String> redacted) {
		List<AttributeKey<List<String>>> requestKeys = keys("http.request.header.", capturedRequestHeaders, redacted);
		List<AttributeKey<List<String>>> responseKeys = keys("http.response.header.", capturedResponseHeaders,
				redacted);
		if (requestKeys.isEmpty() && responseKeys.isEmpty()) {
			return null;
		}
		return new HeaderRedactingSpanProcessor(requestKeys, responseKeys);
	}

	private static List<AttributeKey<List<String>>> keys(String prefix, Collection<String> captured,
			Predicate<String> redacted) {
		List<AttributeKey<List<String>>> keys = new ArrayList<>();
		for (String header : lowerCase(captured)) {
			if (redacted.test(header)) {
				keys.add(AttributeKey.stringArrayKey(prefix + header));
			}
		}
		return List.copyOf(keys);
	}

	private static Set<String> lowerCase(Collection<String> headers) {
		Set<String> names = new LinkedHashSet<>();
		headers.forEach((header) -> names.add(header.trim().toLowerCase(Locale.ROOT)));
		return names;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		if (isHttpSpan(span)) {
			redact(span, this.requestKeys);
		}
	}

	@Override
	public boolean isStartRequired() {
		return !this.requestKeys.isEmpty();
	}

	@Override
	public void onEnding(ReadWriteSpan span) {
		// Request keys again: a hook may have added a header after the span started.
		if (isHttpSpan(span)) {
			redact(span, this.allKeys);
		}
	}

	@Override
	public boolean isOnEndingRequired() {
		return true;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	private static boolean isHttpSpan(ReadableSpan span) {
		SpanKind kind = span.getKind();
		return kind == SpanKind.SERVER || kind == SpanKind.CLIENT;
	}

	private static void redact(ReadWriteSpan span, List<AttributeKey<List<String>>> keys) {
		for (int i = 0; i < keys.size(); i++) {
			AttributeKey<List<String>> key = keys.get(i);
			List<String> values = span.getAttribute(key);
			if (values != null && !isRedacted(values)) {
				span.setAttribute(key, Collections.nCopies(values.size(), REDACTED));
			}
		}
	}

	private static boolean isRedacted(List<String> values) {
		for (String value : values) {
			if (!REDACTED.equals(value)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "HeaderRedactingSpanProcessor" + this.allKeys;
	}

}
