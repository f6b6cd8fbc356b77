package dev.tracing.boot.redaction;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * A finished span as it is exported: the original's ids, timing and resource, with the
 * masked name, attributes, events, links and status.
 */
final class RedactedSpanData extends DelegatingSpanData {

	private final String name;

	private final Attributes attributes;

	private final List<EventData> events;

	private final List<LinkData> links;

	private final StatusData status;

	RedactedSpanData(SpanData delegate, String name, Attributes attributes, List<EventData> events,
			List<LinkData> links, StatusData status) {
		super(delegate);
		this.name = name;
		this.attributes = attributes;
		this.events = List.copyOf(events);
		this.links = List.copyOf(links);
		this.status = status;
	}

	@Override
	public String getName() {
		return this.name;
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
	public StatusData getStatus() {
		return this.status;
	}

}
