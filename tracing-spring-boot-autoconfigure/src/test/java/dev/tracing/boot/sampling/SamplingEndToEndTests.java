package dev.tracing.boot.sampling;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sampling decisions as they reach the wire: header rules keep exactly the matching
 * requests, header-only mode keeps nothing else, a ratio keeps its share of root traces,
 * and the JDBC children of a request share its fate.
 */
class SamplingEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static final String UNSAMPLED_PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void resetReceiver() {
		receiver.reset();
	}

	@Test
	void headerRulesKeepMatchingRequestsWhateverTheRatio() {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.sampling.ratio", "0",
				"tracing.sampling.header-rules[0].header", "tracestate",
				"tracing.sampling.header-rules[0].value", "checkly=true",
				"tracing.sampling.header-rules[1].header", "X-Synthetic-Check",
				"tracing.sampling.header-rules[1].pattern", "^monitor-\\d+$"))) {
			HttpCalls http = new HttpCalls(app);
			http.get("/api/orders/1", "tracestate", "checkly=true");
			http.get("/api/orders/2", "traceparent", UNSAMPLED_PARENT, "tracestate", "vendor=x,checkly=true");
			http.get("/api/orders/3", "x-synthetic-check", "monitor-17");
			http.get("/api/orders/4");
			http.get("/api/orders/5", "tracestate", "checkly=false");
			http.get("/api/orders/6", "x-synthetic-check", "human");
			http.get("/api/orders/7", "traceparent", UNSAMPLED_PARENT);
			http.flushSpans();

			assertThat(sampledPaths()).containsExactlyInAnyOrder("/api/orders/1", "/api/orders/2", "/api/orders/3");
			assertThat(receiver.spans()).filteredOn((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT).hasSize(3);
			ReceivedSpan continued = serverSpan("/api/orders/2");
			assertThat(continued.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		}
	}

	@Test
	void headerOnlyModeKeepsOnlyMatchingRequests() {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.sampling.ratio", "1.0",
				"tracing.sampling.header-only", "true",
				"tracing.sampling.header-rules[0].header", "tracestate",
				"tracing.sampling.header-rules[0].value", "checkly=true"))) {
			HttpCalls http = new HttpCalls(app);
			for (int i = 0; i < 5; i++) {
				http.get("/api/orders/" + (100 + i));
			}
			http.get("/api/orders/200", "tracestate", "checkly=true");
			http.get("/api/orders/201", "traceparent", "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-01");
			http.flushSpans();

			assertThat(sampledPaths()).containsExactly("/api/orders/200");
			List<ReceivedSpan> children = receiver.spans()
				.stream()
				.filter((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
				.toList();
			assertThat(children).singleElement()
				.satisfies((child) -> assertThat(child.traceId()).isEqualTo(serverSpan("/api/orders/200").traceId()));
		}
	}

	@Test
	void ratioKeepsRoughlyItsShareOfRootTraces() {
		try (ConfigurableApplicationContext app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.sampling.ratio", "0.25",
				"tracing.batch.max-queue-size", "8192"))) {
			HttpCalls http = new HttpCalls(app);
			int requests = 2000;
			for (int i = 0; i < requests; i++) {
				http.get("/api/orders/" + i);
			}
			http.flushSpans();

			List<ReceivedSpan> spans = receiver.spans();
			long kept = spans.stream().filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER).count();
			// Binomial(2000, 0.25): mean 500, standard deviation 19.4; five deviations either side.
			assertThat(kept).isBetween(403L, 597L);
			long children = spans.stream().filter((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT).count();
			assertThat(children).as("every kept request keeps its JDBC span, no dropped one does").isEqualTo(kept);
		}
	}

	private static List<String> sampledPaths() {
		return receiver.spans()
			.stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)
			.map((span) -> span.attribute("url.path"))
			.toList();
	}

	private static ReceivedSpan serverSpan(String path) {
		return receiver.spans()
			.stream()
			.filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(span.attribute("url.path")))
			.findFirst()
			.orElseThrow();
	}

}
