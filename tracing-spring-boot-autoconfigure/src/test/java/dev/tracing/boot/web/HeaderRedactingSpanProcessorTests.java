package dev.tracing.boot.web;

import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderRedactingSpanProcessorTests {

	private static final AttributeKey<List<String>> AUTHORIZATION = AttributeKey
		.stringArrayKey("http.request.header.authorization");

	private static final AttributeKey<List<String>> REQUEST_ID = AttributeKey
		.stringArrayKey("http.request.header.x-request-id");

	private static final AttributeKey<List<String>> SET_COOKIE = AttributeKey
		.stringArrayKey("http.response.header.set-cookie");

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	@Test
	void redactsCapturedRequestHeadersAsTheSpanStarts() {
		SdkTracerProvider provider = provider(List.of("Authorization", "X-Request-Id"), List.of("set-cookie"));
		Span span = provider.get("test")
			.spanBuilder("GET /orders")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute(AUTHORIZATION, List.of("Bearer raw", "Basic raw"))
			.setAttribute(REQUEST_ID, List.of("r-1"))
			.startSpan();
		assertThat(((ReadableSpan) span).getAttribute(AUTHORIZATION)).containsExactly("[REDACTED]", "[REDACTED]");
		span.setAttribute(SET_COOKIE, List.of("sid=raw"));
		span.end();
		SpanData exported = this.exporter.getFinishedSpanItems().get(0);
		assertThat(exported.getAttributes().get(AUTHORIZATION)).containsExactly("[REDACTED]", "[REDACTED]");
		assertThat(exported.getAttributes().get(SET_COOKIE)).containsExactly("[REDACTED]");
		assertThat(exported.getAttributes().get(REQUEST_ID)).containsExactly("r-1");
	}

	@Test
	void redactsClientSpansAndLeavesOtherKindsAlone() {
		SdkTracerProvider provider = provider(List.of("authorization"), List.of());
		provider.get("test").spanBuilder("GET").setSpanKind(SpanKind.CLIENT).setAttribute(AUTHORIZATION,
				List.of("raw")).startSpan().end();
		provider.get("test").spanBuilder("work").setAttribute(AUTHORIZATION, List.of("internal")).startSpan().end();
		assertThat(this.exporter.getFinishedSpanItems()).extracting((span) -> span.getAttributes().get(AUTHORIZATION))
			.containsExactly(List.of("[REDACTED]"), List.of("internal"));
	}

	@Test
	void isNotNeededWhenNoCapturedHeaderIsRedacted() {
		assertThat(HeaderRedactingSpanProcessor.forCapturedHeaders(List.of("x-request-id"), List.of("content-type"),
				Set.of("authorization", "cookie")::contains)).isNull();
		assertThat(HeaderRedactingSpanProcessor.forCapturedHeaders(List.of(), List.of(), Set.of("authorization")::contains))
			.isNull();
	}

	private SdkTracerProvider provider(List<String> requestHeaders, List<String> responseHeaders) {
		HeaderRedactingSpanProcessor processor = HeaderRedactingSpanProcessor.forCapturedHeaders(requestHeaders,
				responseHeaders, Set.of("authorization", "set-cookie")::contains);
		return SdkTracerProvider.builder()
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.addSpanProcessor(processor)
			.build();
	}

}
