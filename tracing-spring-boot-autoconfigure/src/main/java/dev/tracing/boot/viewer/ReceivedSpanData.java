package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * A finished span that another service exported to the viewer over OTLP, decoded by
 * {@link OtlpTraceDecoder}, in the form the SDK hands to exporters, so that it passes through
 * the same redaction and the same store as the application's own spans.
 */
final class ReceivedSpanData implements SpanData {

	private final SpanContext spanContext;

	private final SpanContext parentSpanContext;

	private final String name;

	private final SpanKind kind;

	private final long startEpochNanos;

	private final long endEpochNanos;

	private final Attributes attributes;

	private final int totalAttributeCount;

	private final List<EventData> events;

	private final int totalRecordedEvents;

	private final List<LinkData> links;

	private final int totalRecordedLinks;

	private final StatusData status;

	private final InstrumentationScopeInfo scope;

	private final Resource resource;

	ReceivedSpanData(SpanContext spanContext, SpanContext parentSpanContext, String name, SpanKind kind,
			long startEpochNanos, long endEpochNanos, Attributes attributes, int totalAttributeCount,
			List<EventData> events, int totalRecordedEvents, List<LinkData> links, int totalRecordedLinks,
			StatusData status, InstrumentationScopeInfo scope, Resource resource) {
		this.spanContext = spanContext;
		this.parentSpanContext = parentSpanContext;
		this.name = name;
		this.kind = kind;
		this.startEpochNanos = startEpochNanos;
		this.endEpochNanos = endEpochNanos;
		this.attributes = attributes;
		this.totalAttributeCount = totalAttributeCount;
		this.events = List.copyOf(events);
		this.totalRecordedEvents = totalRecordedEvents;
		this.links = List.copyOf(links);
		this.totalRecordedLinks = totalRecordedLinks;
		this.status = status;
		this.scope = scope;
		this.resource = resource;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public SpanKind getKind() {
		return this.kind;
	}

	@Override
	public SpanContext getSpanContext() {
		return this.spanContext;
	}

	@Override
	public SpanContext getParentSpanContext() {
		return this.parentSpanContext;
	}

	@Override
	public StatusData getStatus() {
		return this.status;
	}

	@Override
	public long getStartEpochNanos() {
		return this.startEpochNanos;
	}

	@Override
	public Attributes getAttributes() {
		return this.attributes;
	}

	@Override
	public List<EventData> getEvents() {
		return this.events;
	}

	@Override
	public List<LinkData> getLinks() {
		return this.links;
	}

	@Override
	public long getEndEpochNanos() {
		return this.endEpochNanos;
	}

	@Override
	public boolean hasEnded() {
		return true;
	}

	@Override
	public int getTotalRecordedEvents() {
		return this.totalRecordedEvents;
	}

	@Override
	public int getTotalRecordedLinks() {
		return this.totalRecordedLinks;
	}

	@Override
	public int getTotalAttributeCount() {
		return this.totalAttributeCount;
	}

	@Override
	@Deprecated
	public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
		return InstrumentationLibraryInfo.create(this.scope.getName(), this.scope.getVersion(),
				this.scope.getSchemaUrl());
	}

	@Override
	public InstrumentationScopeInfo getInstrumentationScopeInfo() {
		return this.scope;
	}

	@Override
	public Resource getResource() {
		return this.resource;
	}

	@Override
	public String toString() {
		return "ReceivedSpanData{traceId=" + this.spanContext.getTraceId() + ", spanId="
				+ this.spanContext.getSpanId() + ", name=" + this.name + ", service="
				+ this.resource.getAttribute(io.opentelemetry.semconv.ServiceAttributes.SERVICE_NAME) + "}";
	}

}
