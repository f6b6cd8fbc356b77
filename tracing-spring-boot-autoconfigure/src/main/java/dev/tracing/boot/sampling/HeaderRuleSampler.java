package dev.tracing.boot.sampling;

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
 * Always samples requests whose headers match a rule, the generalisation of Checkly's
 * {@code tracestate: checkly=true} sampler. Other new traces go to the delegate, or are
 * dropped in header-only mode. Spans with a local parent follow it, so a request's SQL,
 * Redis and client spans share its fate.
 */
public final class HeaderRuleSampler implements Sampler {

	private static final SamplingResult SAMPLE = SamplingResult.recordAndSample();

	private static final SamplingResult DROP = SamplingResult.drop();

	private final List<HeaderMatcher> matchers;

	private final boolean headerOnly;

	private final Sampler delegate;

	public HeaderRuleSampler(List<SamplingProperties.HeaderRule> rules, boolean headerOnly, Sampler delegate) {
		this.matchers = rules.stream().map(HeaderMatcher::new).toList();
		this.headerOnly = headerOnly;
		this.delegate = delegate;
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid() && !parent.isRemote()) {
			return parent.isSampled() ? SAMPLE : DROP;
		}
		for (HeaderMatcher matcher : this.matchers) {
			if (matcher.matches(attributes, parent)) {
				return SAMPLE;
			}
		}
		if (this.headerOnly) {
			return DROP;
		}
		return this.delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "HeaderRuleSampler{rules=" + this.matchers + (this.headerOnly ? ", header-only" : "") + ", otherwise="
				+ this.delegate.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
