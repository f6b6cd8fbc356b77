package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/** Finished spans for unit tests of the store, built as the SDK would hand them over. */
final class TestSpans {

	static final Resource RESOURCE = Resource.getDefault()
		.merge(Resource.create(Attributes.of(io.opentelemetry.semconv.ServiceAttributes.SERVICE_NAME, "shop")));

	private TestSpans() {
	}

	static String traceId(int number) {
		return String.format("%032x", number + 1L);
	}

	static String spanId(int trace, int span) {
		return String.format("%08x%08x", trace + 1, span + 1);
	}

	static SpanData span(int trace, int span, Integer parent, String name, SpanKind kind, long startMillis,
			long durationMillis, Attributes attributes) {
		return span(trace, span, parent, name, kind, startMillis, durationMillis, attributes, StatusData.unset(),
				List.of());
	}

	static SpanData span(int trace, int span, Integer parent, String name, SpanKind kind, long startMillis,
			long durationMillis, Attributes attributes, StatusData status, List<EventData> events) {
		SpanContext context = SpanContext.create(traceId(trace), spanId(trace, span), TraceFlags.getSampled(),
				TraceState.getDefault());
		SpanContext parentContext = (parent != null) ? SpanContext.create(traceId(trace), spanId(trace, parent),
				TraceFlags.getSampled(), TraceState.getDefault()) : SpanContext.getInvalid();
		long start = 1_700_000_000_000_000_000L + startMillis * 1_000_000L;
		return TestSpanData.builder()
			.setSpanContext(context)
			.setParentSpanContext(parentContext)
			.setName(name)
			.setKind(kind)
			.setStartEpochNanos(start)
			.setEndEpochNanos(start + durationMillis * 1_000_000L)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.setStatus(status)
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.setHasEnded(true)
			.setResource(RESOURCE)
			.build();
	}

}
