package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Drops every span started for a request to the viewer, whatever URL it came with: the
 * {@link ViewerRequestFilter} marks the context of each request the container maps to the
 * viewer's servlet before the server span starts. Everything else is left to the delegate.
 */
final class ViewerRequestSampler implements Sampler {

	private static final SamplingResult DROP = SamplingResult.drop();

	private final Sampler delegate;

	ViewerRequestSampler(Sampler delegate) {
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		if (parentContext.get(ViewerRequestFilter.VIEWER_REQUEST) != null) {
			return DROP;
		}
		return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "ViewerRequestSampler{otherwise=" + this.delegate.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
