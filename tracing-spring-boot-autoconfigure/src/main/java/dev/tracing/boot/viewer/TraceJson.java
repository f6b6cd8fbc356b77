package dev.tracing.boot.viewer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The JSON documents of the viewer's API. A trace's {@code start} is whole epoch
 * milliseconds; durations, and the offsets of spans and events from the trace's start, are
 * milliseconds with up to six decimals (the nanoseconds the spans carry), in plain decimal
 * notation.
 */
final class TraceJson {

	private static final long NANOS_PER_MILLI = 1_000_000L;

	private TraceJson() {
	}

	static String traces(List<TraceSummary> traces, TraceStore.Statistics statistics) {
		JsonWriter json = new JsonWriter().beginObject();
		json.name("traces").beginArray();
		for (TraceSummary trace : traces) {
			summary(json.beginObject(), trace).endObject();
		}
		json.endArray();
		json.name("store").beginObject();
		json.name("traces").value(statistics.traces());
		json.name("spans").value(statistics.spans());
		json.name("estimatedBytes").value(statistics.estimatedBytes());
		json.name("evictedTraces").value(statistics.evictedTraces());
		json.name("droppedSpans").value(statistics.droppedSpans());
		json.name("maxTraces").value(statistics.limits().maxTraces());
		json.name("maxSpans").value(statistics.limits().maxSpans());
		json.name("maxSpansPerTrace").value(statistics.limits().maxSpansPerTrace());
		json.name("maxBytes").value(statistics.limits().maxBytes());
		json.endObject();
		return json.endObject().toString();
	}

	static String trace(StoredTrace trace) {
		JsonWriter json = summary(new JsonWriter().beginObject(), trace.summary());
		json.name("resource");
		attributes(json, (trace.resource() != null) ? trace.resource().getAttributes() : Attributes.empty());
		List<StoredSpan> spans = trace.spans()
			.stream()
			.sorted(Comparator.comparingLong(StoredSpan::startEpochNanos))
			.toList();
		// Each service's resource once; spans refer to theirs by position.
		List<Resource> resources = new ArrayList<>(2);
		json.name("resources").beginArray();
		for (StoredSpan span : spans) {
			if (span.resource() != null && indexOf(resources, span.resource()) < 0) {
				resources.add(span.resource());
				attributes(json, span.resource().getAttributes());
			}
		}
		json.endArray();
		long start = trace.summary().startEpochNanos();
		json.name("spans").beginArray();
		for (StoredSpan span : spans) {
			span(json, span, start, indexOf(resources, span.resource()));
		}
		json.endArray();
		return json.endObject().toString();
	}

	private static int indexOf(List<Resource> resources, Resource resource) {
		for (int i = 0; i < resources.size(); i++) {
			if (resources.get(i) == resource) {
				return i;
			}
		}
		return -1;
	}

	private static JsonWriter summary(JsonWriter json, TraceSummary trace) {
		json.name("traceId").value(trace.traceId());
		json.name("rootName").value(trace.rootName());
		json.name("rootKind").value(trace.rootKind().name());
		json.name("request").value(trace.request());
		json.name("route").value(trace.route());
		json.name("method").value(trace.method());
		json.name("statusCode");
		if (trace.statusCode() != null) {
			json.value(trace.statusCode().longValue());
		}
		else {
			json.nullValue();
		}
		json.name("error").value(trace.error());
		json.name("start").value(Math.floorDiv(trace.startEpochNanos(), NANOS_PER_MILLI));
		json.name("durationMs").millis(trace.durationNanos());
		json.name("spanCount").value(trace.spanCount());
		json.name("droppedSpans").value(trace.droppedSpans());
		json.name("service").value(trace.serviceName());
		json.name("services").beginArray();
		trace.services().forEach(json::value);
		json.endArray();
		return json;
	}

	private static void span(JsonWriter json, StoredSpan span, long traceStart, int resource) {
		json.beginObject();
		json.name("spanId").value(span.spanId());
		json.name("parentSpanId").value(span.parentSpanId());
		json.name("name").value(span.name());
		json.name("kind").value(span.kind().name());
		json.name("startMs").millis(span.startEpochNanos() - traceStart);
		json.name("durationMs").millis(span.durationNanos());
		json.name("status").value(span.status().name());
		json.name("statusDescription").value(span.statusDescription());
		json.name("scope").value(span.scopeName());
		json.name("scopeVersion").value(span.scopeVersion());
		json.name("service").value(span.serviceName());
		json.name("resource");
		if (resource >= 0) {
			json.value(resource);
		}
		else {
			json.nullValue();
		}
		json.name("attributes");
		attributes(json, span.attributes());
		json.name("droppedAttributes").value(span.droppedAttributes());
		json.name("events").beginArray();
		for (StoredSpan.Event event : span.events()) {
			json.beginObject();
			json.name("name").value(event.name());
			json.name("timeMs").millis(event.epochNanos() - traceStart);
			json.name("attributes");
			attributes(json, event.attributes());
			json.endObject();
		}
		json.endArray();
		json.name("links").beginArray();
		for (StoredSpan.Link link : span.links()) {
			json.beginObject();
			json.name("traceId").value(link.traceId());
			json.name("spanId").value(link.spanId());
			json.name("attributes");
			attributes(json, link.attributes());
			json.endObject();
		}
		json.endArray();
		json.endObject();
	}

	private static void attributes(JsonWriter json, Attributes attributes) {
		json.beginObject();
		attributes.forEach((key, value) -> json.name(key.getKey()).attributeValue(value));
		json.endObject();
	}

}
