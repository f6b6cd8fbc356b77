package dev.tracing.boot.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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

class RuleBasedSamplerTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private final AtomicInteger asked = new AtomicInteger();

	private final SamplingRule dropsHealth = (request) -> {
		this.asked.incrementAndGet();
		return "/health".equals(request.path()) ? SamplingRule.Decision.DROP : SamplingRule.Decision.ABSTAIN;
	};

	private final SamplingRule keepsSynthetic = (request) -> "yes".equals(request.header("X-Synthetic"))
			? SamplingRule.Decision.SAMPLE : SamplingRule.Decision.ABSTAIN;

	private final RuleBasedSampler sampler = new RuleBasedSampler(List.of(this.dropsHealth, this.keepsSynthetic),
			Sampler.alwaysOff());

	@Test
	void aLocalParentDecidesWithoutAskingAnyRule() {
		Context sampled = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, "b7ad6b7169203331",
				TraceFlags.getSampled(), TraceState.getDefault())));
		assertThat(decide(sampled, server("/health"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		Context unsampled = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, "b7ad6b7169203331",
				TraceFlags.getDefault(), TraceState.getDefault())));
		assertThat(decide(unsampled, server("/synthetic", "yes"))).isEqualTo(SamplingDecision.DROP);
		assertThat(this.asked).hasValue(0);
	}

	@Test
	void theFirstRuleThatDecidesWinsThenTheFallback() {
		assertThat(decide(Context.root(), server("/health", "yes"))).isEqualTo(SamplingDecision.DROP);
		assertThat(decide(Context.root(), server("/orders", "yes"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide(Context.root(), server("/orders", null))).as("the fallback drops everything")
			.isEqualTo(SamplingDecision.DROP);
	}

	@Test
	void aDecisionTakenBeforeTheSpanExistsIsNotTakenAgain() {
		Context decided = RuleBasedSampler.withDecision(Context.root(), true);
		assertThat(decide(decided, server("/health"))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(decide(RuleBasedSampler.withDecision(Context.root(), false), server("/orders", "yes")))
			.isEqualTo(SamplingDecision.DROP);
		assertThat(this.asked).hasValue(0);
	}

	@Test
	void decidesEarlyWithTheSameRulesAndFallback() {
		assertThat(this.sampler.isSampled(new FixedRequest("/health", "yes"), Context.root())).isFalse();
		assertThat(this.sampler.isSampled(new FixedRequest("/orders", "yes"), Context.root())).isTrue();
		assertThat(this.sampler.isSampled(new FixedRequest("/orders", null), Context.root())).isFalse();
		RuleBasedSampler ratio = new RuleBasedSampler(List.of(), Sampler.parentBased(Sampler.alwaysOn()));
		assertThat(ratio.isSampled(new FixedRequest("/orders", null), Context.root())).isTrue();
		Context unsampledCaller = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID,
				"b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault())));
		assertThat(ratio.isSampled(new FixedRequest("/orders", null), unsampledCaller))
			.as("the caller's decision is followed").isFalse();
	}

	@Test
	void describesItselfInWords() {
		RuleBasedSampler described = new RuleBasedSampler(List.of(new SamplingRule() {

			@Override
			public Decision decide(SamplingRequest request) {
				return Decision.ABSTAIN;
			}

			@Override
			public String toString() {
				return "URLs matching /health are not traced";
			}

		}), Sampler.parentBased(Sampler.traceIdRatioBased(0.1)));
		assertThat(SamplerDescription.of(described))
			.isEqualTo("URLs matching /health are not traced; otherwise 10% of new traces (callers' decisions followed)");
		assertThat(SamplerDescription.of(new RuleBasedSampler(List.of(), Sampler.traceIdRatioBased(0.005))))
			.isEqualTo("0.5% of traces");
		assertThat(SamplerDescription.of(Sampler.parentBased(Sampler.alwaysOn())))
			.isEqualTo("every new trace (callers' decisions followed)");
	}

	private SamplingDecision decide(Context parent, Attributes attributes) {
		return this.sampler.shouldSample(parent, TRACE_ID, "GET", SpanKind.SERVER, attributes, List.of())
			.getDecision();
	}

	private static Attributes server(String path) {
		return server(path, null);
	}

	private static Attributes server(String path, String synthetic) {
		var builder = Attributes.builder().put("url.path", path);
		if (synthetic != null) {
			builder.put(AttributeKey.stringArrayKey("http.request.header.x-synthetic"), List.of(synthetic));
		}
		return builder.build();
	}

	private record FixedRequest(String path, String synthetic) implements SamplingRequest {

		@Override
		public SpanKind kind() {
			return SpanKind.SERVER;
		}

		@Override
		public String name() {
			return "";
		}

		@Override
		public SpanContext remoteParent() {
			return SpanContext.getInvalid();
		}

		@Override
		public String traceId() {
			return TRACE_ID;
		}

		@Override
		public String url() {
			return this.path;
		}

		@Override
		public String header(String name) {
			return name.equalsIgnoreCase("x-synthetic") ? this.synthetic : null;
		}

		@Override
		public <T> T attribute(AttributeKey<T> key) {
			return null;
		}

	}

}
