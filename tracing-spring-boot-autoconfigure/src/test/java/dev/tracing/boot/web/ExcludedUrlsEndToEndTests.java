package dev.tracing.boot.web;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flask guide's {@code client/.*\/info,healthcheck} example, on the wire: excluded
 * requests produce no span at all, neither server nor JDBC; other requests are untouched.
 */
class ExcludedUrlsEndToEndTests {

	@Test
	void excludedRequestsAndTheirChildrenProduceNoSpans() {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of(
						"tracing.exporter.endpoint", receiver.httpEndpoint(),
						"tracing.web.excluded-urls", "client/.*/info,healthcheck"))) {
			HttpCalls http = new HttpCalls(app);
			assertThat(http.get("/client/123/info").statusCode()).isEqualTo(200);
			assertThat(http.get("/xyz/healthcheck").statusCode()).isEqualTo(200);
			assertThat(http.get("/health").statusCode()).isEqualTo(200);
			assertThat(http.get("/api/orders/5").statusCode()).isEqualTo(200);
			http.flushSpans();

			List<ReceivedSpan> spans = receiver.spans();
			List<ReceivedSpan> servers = spans.stream().filter((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER).toList();
			assertThat(servers).extracting((s) -> s.attribute("url.path"))
				.containsExactlyInAnyOrder("/health", "/api/orders/5");
			List<ReceivedSpan> clients = spans.stream().filter((s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
			assertThat(clients).hasSize(2);
			assertThat(clients).extracting(ReceivedSpan::traceId)
				.containsExactlyInAnyOrderElementsOf(servers.stream().map(ReceivedSpan::traceId).toList());
		}
	}

}
