package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.sdk.resources.Resource;

/**
 * A snapshot of one kept trace.
 *
 * @param summary its line in the trace list
 * @param spans its spans, in arrival order
 * @param resource the resource of its root span (the service that served the request)
 */
public record StoredTrace(TraceSummary summary, List<StoredSpan> spans, Resource resource) {

}
