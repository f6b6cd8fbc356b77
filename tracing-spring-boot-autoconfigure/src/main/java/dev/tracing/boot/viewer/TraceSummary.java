package dev.tracing.boot.viewer;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * One line of the trace list.
 *
 * @param traceId the trace id
 * @param rootName the name of the root span (the earliest span without a parent in the trace)
 * @param rootKind the kind of the root span
 * @param route the root's http.route, or its url.path, or {@code null}
 * @param method the root's http.request.method, or {@code null}
 * @param statusCode the root's http.response.status_code, or {@code null}
 * @param error whether any span of the trace has an error status
 * @param startEpochNanos the earliest span start
 * @param durationNanos from the earliest start to the latest end
 * @param spanCount the number of spans kept
 * @param droppedSpans the number of spans not kept because the trace was too large
 * @param serviceName the service.name of the root span's service
 * @param services the service.name of every service with spans in the trace, the root's
 * first; more than one when other services exported their spans to the viewer
 */
public record TraceSummary(String traceId, String rootName, SpanKind rootKind, String route, String method,
		Long statusCode, boolean error, long startEpochNanos, long durationNanos, int spanCount, int droppedSpans,
		String serviceName, List<String> services) {

	static TraceSummary of(String traceId, List<StoredSpan> spans, int droppedSpans) {
		return of(traceId, spans, root(spans), droppedSpans);
	}

	static TraceSummary of(String traceId, List<StoredSpan> spans, StoredSpan root, int droppedSpans) {
		long start = Long.MAX_VALUE;
		long end = Long.MIN_VALUE;
		boolean error = false;
		for (StoredSpan span : spans) {
			start = Math.min(start, span.startEpochNanos());
			end = Math.max(end, span.endEpochNanos());
			error |= span.isError();
		}
		if (root == null) {
			return new TraceSummary(traceId, "(no spans)", SpanKind.INTERNAL, null, null, null, error, 0, 0, 0,
					droppedSpans, null, List.of());
		}
		String route = root.attribute(HttpAttributes.HTTP_ROUTE);
		if (route == null) {
			route = root.attribute(UrlAttributes.URL_PATH);
		}
		return new TraceSummary(traceId, root.name(), root.kind(), route,
				root.attribute(HttpAttributes.HTTP_REQUEST_METHOD), root.attribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE),
				error, start, Math.max(0, end - start), spans.size(), droppedSpans, root.serviceName(),
				services(root, spans));
	}

	private static List<String> services(StoredSpan root, List<StoredSpan> spans) {
		Set<String> services = new LinkedHashSet<>(4);
		if (root.serviceName() != null) {
			services.add(root.serviceName());
		}
		Resource last = root.resource();
		for (StoredSpan span : spans) {
			// Spans of one service share one resource instance: compare names only on a change.
			if (span.resource() != last) {
				last = span.resource();
				if (span.serviceName() != null) {
					services.add(span.serviceName());
				}
			}
		}
		return List.copyOf(services);
	}

	/**
	 * Whether this is the trace of a request: its root is a server span. Background work
	 * (a scheduled job, a message consumed without a request's context) and a fragment whose
	 * server span has not arrived are not.
	 */
	public boolean request() {
		return this.rootKind == SpanKind.SERVER;
	}

	/**
	 * The span that stands for the trace: the earliest span without a parent, or, until it
	 * arrives, the earliest span whose parent is not in view; {@code null} without spans.
	 */
	static StoredSpan root(List<StoredSpan> spans) {
		Set<String> ids = new HashSet<>(spans.size() * 2);
		for (StoredSpan span : spans) {
			ids.add(span.spanId());
		}
		StoredSpan root = null;
		for (StoredSpan span : spans) {
			boolean isRoot = span.parentSpanId() == null || !ids.contains(span.parentSpanId());
			if (isRoot && (root == null || precedes(span, root))) {
				root = span;
			}
		}
		return root;
	}

	/** A true root (no parent at all) wins over a span whose parent is not in view. */
	private static boolean precedes(StoredSpan candidate, StoredSpan current) {
		boolean candidateTrueRoot = candidate.parentSpanId() == null;
		boolean currentTrueRoot = current.parentSpanId() == null;
		if (candidateTrueRoot != currentTrueRoot) {
			return candidateTrueRoot;
		}
		return candidate.startEpochNanos() < current.startEpochNanos();
	}

}
