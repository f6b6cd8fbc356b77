package dev.tracing.boot.sampling;

import java.util.List;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderRulesSamplingRuleTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String SPAN_ID = "b7ad6b7169203331";

	private final HeaderRulesSamplingRule rule = new HeaderRulesSamplingRule(
			List.of(new SamplingProperties.HeaderRule("tracestate", "checkly=true", null),
					new SamplingProperties.HeaderRule("X-Synthetic", null, "^bot-\\d+$")),
			false);

	private final Sampler sampler = new RuleBasedSampler(List.of(this.rule), Sampler.alwaysOff());

	@Test
	void capturedHeaderValueMatches() {
		assertThat(decide(Context.root(), header("tracestate", "checkly=true"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide(Context.root(), header("tracestate", "a=b, checkly=true"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide(Context.root(), header("tracestate", "checkly=truex"))).isEqualTo(SamplingDecision.DROP);
		assertThat(decide(Context.root(), header("x-synthetic", "bot-42"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide(Context.root(), header("x-synthetic", "human bot-42"))).isEqualTo(SamplingDecision.DROP);
		assertThat(decide(Context.root(), Attributes.empty())).isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void remoteParentTraceStateMatchesEvenWhenTheParentWasNotSampled() {
		TraceState state = TraceState.builder().put("vendor", "x").put("checkly", "true").build();
		Context remote = parent(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, TraceFlags.getDefault(), state));
		assertThat(decide(remote, Attributes.empty())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void localParentDecidesForItsChildrenWhateverTheirAttributes() {
		Context unsampledLocal = parent(
				SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getDefault(), TraceState.getDefault()));
		assertThat(decide(unsampledLocal, header("tracestate", "checkly=true"))).isEqualTo(SamplingDecision.DROP);
		Context sampledLocal = parent(
				SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
		assertThat(decide(sampledLocal, Attributes.empty())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void headerOnlyModeDropsWhatTheDelegateWouldKeep() {
		Sampler headerOnly = new RuleBasedSampler(List.of(new HeaderRulesSamplingRule(
				List.of(new SamplingProperties.HeaderRule("tracestate", "checkly=true", null)), true)), Sampler.alwaysOn());
		assertThat(headerOnly.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision()).isEqualTo(SamplingDecision.DROP);
		Sampler withRatio = new RuleBasedSampler(List.of(new HeaderRulesSamplingRule(
				List.of(new SamplingProperties.HeaderRule("tracestate", "checkly=true", null)), false)), Sampler.alwaysOn());
		assertThat(withRatio.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, Attributes.empty(), List.of())
			.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
	}

	@Test
	void describesItselfInWords() {
		assertThat(this.rule).hasToString("requests with tracestate checkly=true or x-synthetic matching ^bot-\\d+$ "
				+ "are always traced");
		assertThat(new HeaderRulesSamplingRule(List.of(new SamplingProperties.HeaderRule("tracestate", "checkly=true",
				null)), true)).hasToString("only requests with tracestate checkly=true are traced");
		assertThat(this.sampler.getDescription()).contains("AlwaysOffSampler");
	}

	private SamplingDecision decide(Context parent, Attributes attributes) {
		return this.sampler.shouldSample(parent, TRACE_ID, "GET", SpanKind.SERVER, attributes, List.of()).getDecision();
	}

	private static Attributes header(String name, String value) {
		return Attributes.of(AttributeKey.stringArrayKey("http.request.header." + name), List.of(value));
	}

	private static Context parent(SpanContext spanContext) {
		return Context.root().with(Span.wrap(spanContext));
	}

}
