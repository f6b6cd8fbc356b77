package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ServiceAttributes;

/**
 * A finished span as the viewer keeps it: an immutable copy of what the exporter was given,
 * holding no reference to the SDK's objects (or to a recorded exception), with its estimated
 * heap size.
 *
 * @param spanId the span id
 * @param parentSpanId the parent's span id, or {@code null} for a root span
 * @param name the span name
 * @param kind the span kind
 * @param startEpochNanos the start time
 * @param endEpochNanos the end time
 * @param status the status code
 * @param statusDescription the status description, empty when none
 * @param attributes the span attributes
 * @param droppedAttributes the number of attributes the SDK dropped at its limits
 * @param events the events, including recorded exceptions
 * @param links the links to other spans
 * @param scopeName the instrumentation scope name
 * @param scopeVersion the instrumentation scope version, or {@code null}
 * @param resource the resource of the service that made the span, shared with its other
 * spans (not counted in the estimate)
 * @param estimatedBytes the estimated heap size of this object graph
 */
public record StoredSpan(String spanId, String parentSpanId, String name, SpanKind kind, long startEpochNanos,
		long endEpochNanos, StatusCode status, String statusDescription, Attributes attributes,
		int droppedAttributes, List<Event> events, List<Link> links, String scopeName, String scopeVersion,
		Resource resource, long estimatedBytes) {

	/** Object headers, fields and list wrappers of one span, measured on a 64-bit JVM. */
	private static final int SPAN_OVERHEAD = 160;

	private static final int EVENT_OVERHEAD = 48;

	private static final int LINK_OVERHEAD = 48;

	static StoredSpan of(SpanData span) {
		return of(span, span.getResource());
	}

	/** The copy of a span, referring to the store's own instance of its resource. */
	static StoredSpan of(SpanData span, Resource resource) {
		String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : null;
		Attributes attributes = copy(span.getAttributes());
		List<Event> events = span.getEvents().stream().map(Event::of).toList();
		List<Link> links = span.getLinks().stream().map(Link::of).toList();
		String description = span.getStatus().getDescription();
		long bytes = SPAN_OVERHEAD + SizeEstimate.of(span.getSpanId()) + SizeEstimate.of(parent)
				+ SizeEstimate.of(span.getName()) + SizeEstimate.of(description) + SizeEstimate.of(attributes);
		for (Event event : events) {
			bytes += event.estimatedBytes();
		}
		for (Link link : links) {
			bytes += link.estimatedBytes();
		}
		return new StoredSpan(span.getSpanId(), parent, span.getName(), span.getKind(), span.getStartEpochNanos(),
				span.getEndEpochNanos(), span.getStatus().getStatusCode(), (description != null) ? description : "",
				attributes, Math.max(0, span.getTotalAttributeCount() - attributes.size()), events, links,
				span.getInstrumentationScopeInfo().getName(), span.getInstrumentationScopeInfo().getVersion(),
				resource, bytes);
	}

	/**
	 * A private copy: the attributes an exporter wrapper hands over may be a view over other
	 * objects; the copy is a plain array.
	 */
	private static Attributes copy(Attributes attributes) {
		return attributes.isEmpty() ? Attributes.empty() : attributes.toBuilder().build();
	}

	/** The {@code service.name} of the service that made the span, or {@code null}. */
	public String serviceName() {
		return (this.resource != null) ? this.resource.getAttribute(ServiceAttributes.SERVICE_NAME) : null;
	}

	/** The value of an attribute, or {@code null}. */
	public <T> T attribute(AttributeKey<T> key) {
		return this.attributes.get(key);
	}

	public long durationNanos() {
		return Math.max(0, this.endEpochNanos - this.startEpochNanos);
	}

	public boolean isError() {
		return this.status == StatusCode.ERROR;
	}

	/**
	 * A span event. Exceptions are events named {@code exception} with {@code exception.*}
	 * attributes.
	 *
	 * @param name the event name
	 * @param epochNanos when it happened
	 * @param attributes its attributes
	 * @param estimatedBytes its estimated heap size
	 */
	public record Event(String name, long epochNanos, Attributes attributes, long estimatedBytes) {

		static Event of(EventData event) {
			Attributes attributes = copy(event.getAttributes());
			return new Event(event.getName(), event.getEpochNanos(), attributes,
					EVENT_OVERHEAD + SizeEstimate.of(event.getName()) + SizeEstimate.of(attributes));
		}

	}

	/**
	 * A link to a span, usually in another trace.
	 *
	 * @param traceId the linked trace
	 * @param spanId the linked span
	 * @param attributes the link attributes
	 * @param estimatedBytes its estimated heap size
	 */
	public record Link(String traceId, String spanId, Attributes attributes, long estimatedBytes) {

		static Link of(LinkData link) {
			Attributes attributes = copy(link.getAttributes());
			String traceId = link.getSpanContext().getTraceId();
			String spanId = link.getSpanContext().getSpanId();
			return new Link(traceId, spanId, attributes, LINK_OVERHEAD + SizeEstimate.of(traceId)
					+ SizeEstimate.of(spanId) + SizeEstimate.of(attributes));
		}

	}

}
