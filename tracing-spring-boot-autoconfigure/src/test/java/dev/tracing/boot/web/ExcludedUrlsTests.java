package dev.tracing.boot.web;

import java.util.List;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExcludedUrlsTests {

	@Test
	void flaskGuideExample() {
		ExcludedUrls excluded = new ExcludedUrls(List.of("client/.*/info", "healthcheck"));
		assertThat(excluded.matches("http://localhost:5000/client/123/info")).isTrue();
		assertThat(excluded.matches("http://localhost:5000/xyz/healthcheck")).isTrue();
		assertThat(excluded.matches("http://localhost:5000/client/123")).isFalse();
		assertThat(excluded.matches("http://localhost:5000/api/orders")).isFalse();
	}

	@Test
	void outerWildcardsDoNotChangeWhatMatches() {
		ExcludedUrls excluded = new ExcludedUrls(List.of(".*/health.*", "\\.png\\.*", "^/static/"));
		assertThat(excluded.matches("/health/ready")).isTrue();
		assertThat(excluded.matches("/api/healthy")).isTrue();
		assertThat(excluded.matches("/logo.png")).isTrue();
		assertThat(excluded.matches("/logo.jpg")).isFalse();
		assertThat(excluded.matches("/static/app.js")).isTrue();
		assertThat(excluded.matches("/assets/static/app.js")).isFalse();
	}

	@Test
	void urlIsRebuiltFromServerSpanStartAttributesWhenTheSdksSamplerAsks() {
		RuleBasedSampler sampler = new RuleBasedSampler(
				List.of(new ExcludedUrlsSamplingRule(new ExcludedUrls(List.of("token=", "internal:9090/")))),
				Sampler.alwaysOn());
		Attributes withQuery = Attributes.builder()
			.put(UrlAttributes.URL_SCHEME, "http")
			.put(ServerAttributes.SERVER_ADDRESS, "orders")
			.put(ServerAttributes.SERVER_PORT, 8080L)
			.put(UrlAttributes.URL_PATH, "/api")
			.put(UrlAttributes.URL_QUERY, "token=abc")
			.build();
		assertThat(decision(sampler, withQuery)).isEqualTo(SamplingDecision.DROP);
		Attributes onInternalPort = Attributes.builder()
			.put(UrlAttributes.URL_SCHEME, "http")
			.put(ServerAttributes.SERVER_ADDRESS, "internal")
			.put(ServerAttributes.SERVER_PORT, 9090L)
			.put(UrlAttributes.URL_PATH, "/metrics")
			.build();
		assertThat(decision(sampler, onInternalPort)).isEqualTo(SamplingDecision.DROP);
		assertThat(decision(sampler, Attributes.empty())).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
		assertThat(sampler.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", "GET", SpanKind.CLIENT,
				withQuery, List.of()).getDecision()).as("only server spans are requests").isEqualTo(
						SamplingDecision.RECORD_AND_SAMPLE);
	}

	private static SamplingDecision decision(Sampler sampler, Attributes attributes) {
		return sampler.shouldSample(Context.root(), "0af7651916cd43dd8448eb211c80319c", "GET", SpanKind.SERVER,
				attributes, List.of()).getDecision();
	}

	@Test
	void emptyExcludesNothing() {
		ExcludedUrls excluded = new ExcludedUrls(List.of());
		assertThat(excluded.isEmpty()).isTrue();
		assertThat(excluded.matches("/anything")).isFalse();
	}

}
