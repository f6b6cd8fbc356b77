package dev.tracing.boot.pipeline;

import java.util.List;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * The starter's root sampler. A span with a local parent follows it. Otherwise the
 * {@link SamplingRule}s are asked in order, and when all abstain the configured sampler
 * decides: the ratio of {@code tracing.sampling.ratio} (parent-based by default), or what
 * {@code OTEL_TRACES_SAMPLER} names.
 * <p>
 * Code that sees a request before any span exists (the servlet filter) asks
 * {@link #isSampled} and records the answer with {@link #withDecision}, so that the span,
 * if it is started at all, is not decided twice, and so that a request that is not sampled
 * costs no span and no attribute.
 */
public final class RuleBasedSampler implements Sampler {

	private static final ContextKey<Boolean> DECIDED = ContextKey.named("dev.tracing.boot.sampled");

	private static final SamplingResult SAMPLE = SamplingResult.recordAndSample();

	private static final SamplingResult DROP = SamplingResult.drop();

	private final SamplingRule[] rules;

	private volatile Sampler fallback = Sampler.parentBased(Sampler.alwaysOn());

	/**
	 * Creates a root sampler whose fallback, until the engine configures one, samples every
	 * new trace and follows callers' decisions.
	 * @param rules the rules, in the order they are asked
	 */
	public RuleBasedSampler(List<SamplingRule> rules) {
		this.rules = rules.toArray(SamplingRule[]::new);
	}

	/**
	 * Creates a root sampler.
	 * @param rules the rules, in the order they are asked
	 * @param fallback the sampler that decides when every rule abstains
	 */
	public RuleBasedSampler(List<SamplingRule> rules, Sampler fallback) {
		this(rules);
		this.fallback = fallback;
	}

	/** Sets the sampler that decides when every rule abstains: the one the engine configured. */
	void fallBackTo(Sampler configured) {
		this.fallback = configured;
	}

	/** The rules, in the order they are asked. */
	public List<SamplingRule> rules() {
		return List.of(this.rules);
	}

	/** The sampler that decides when every rule abstains. */
	public Sampler fallback() {
		return this.fallback;
	}

	/**
	 * Decides for a root span before it exists.
	 * @param request what is known of it
	 * @param parentContext the context it would start in (with the remote parent, if any)
	 * @return whether it is sampled
	 */
	public boolean isSampled(SamplingRequest request, Context parentContext) {
		for (SamplingRule rule : this.rules) {
			SamplingRule.Decision decision = rule.decide(request);
			if (decision != SamplingRule.Decision.ABSTAIN) {
				return decision == SamplingRule.Decision.SAMPLE;
			}
		}
		return this.fallback
			.shouldSample(parentContext, request.traceId(), request.name(), request.kind(), Attributes.empty(), List.of())
			.getDecision() == SamplingDecision.RECORD_AND_SAMPLE;
	}

	/**
	 * Records a decision taken with {@link #isSampled}, for the span that will be started in
	 * the returned context.
	 * @param context the parent context
	 * @param sampled the decision
	 * @return the context carrying it
	 */
	public static Context withDecision(Context context, boolean sampled) {
		return context.with(DECIDED, sampled);
	}

	/**
	 * The decision recorded in a context with {@link #withDecision}, if any.
	 * @param context the context
	 * @return whether its root spans are sampled, or {@code null} when nothing was decided
	 */
	public static Boolean decision(Context context) {
		return context.get(DECIDED);
	}

	@Override
	public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
			Attributes attributes, List<LinkData> parentLinks) {
		SpanContext parent = Span.fromContext(parentContext).getSpanContext();
		if (parent.isValid() && !parent.isRemote()) {
			return parent.isSampled() ? SAMPLE : DROP;
		}
		Boolean decided = parentContext.get(DECIDED);
		if (decided != null) {
			return decided ? SAMPLE : DROP;
		}
		if (this.rules.length > 0) {
			StartAttributesRequest request = new StartAttributesRequest(spanKind, name, parent, traceId, attributes);
			for (SamplingRule rule : this.rules) {
				SamplingRule.Decision decision = rule.decide(request);
				if (decision != SamplingRule.Decision.ABSTAIN) {
					return (decision == SamplingRule.Decision.SAMPLE) ? SAMPLE : DROP;
				}
			}
		}
		return this.fallback.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
	}

	@Override
	public String getDescription() {
		return "RuleBasedSampler{rules=" + List.of(this.rules) + ", otherwise=" + this.fallback.getDescription() + "}";
	}

	@Override
	public String toString() {
		return getDescription();
	}

}
