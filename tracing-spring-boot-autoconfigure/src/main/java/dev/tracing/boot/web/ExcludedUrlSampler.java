package dev.tracing.boot.web;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Drops the server span of a request whose URL matches {@code tracing.web.excluded-urls}.
 * Spans with a local parent follow it, so nothing the excluded request does is traced
 * either.
 */
public final class ExcludedUrlSampler implements Sampler {

	private static final SamplingResult SAMPLE = SamplingResult.recordAndSample();

	private static final SamplingResult DROP = SamplingResult.drop();

	private final ExcludedUrls excludedUrls;

	private final Sampler delegate;

	public ExcludedUrlSampler(ExcludedUrls excludedUrls, Sampler delegate) {
		this.excludedUrls = excludedUrls;
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid() && !parent.isRemote()) {
			return parent.isSampled() ? SAMPLE : DROP;
		}
		if (spanKind == SpanKind.SERVER && this.excludedUrls.matches(attributes)) {
			return DROP;
		}
		return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "ExcludedUrlSampler{excluded=" + this.excludedUrls + ", otherwise=" + this.delegate.getDescription()
				+ "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
