package dev.tracing.boot.micrometer;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer observations join the request's trace through the bridge, while the work the
 * engine already traces (the server request, the outgoing RestClient call) still produces
 * exactly one span each, although Spring's own HTTP observations run too. The build runs this
 * class twice: with spring-boot-starter-actuator on the classpath and without it.
 */
class MicrometerBridgeEndToEndTests {

	@Test
	void oneSpanPerRequestAndCallAndObservationsInTheSameTrace() {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication
					.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint()))) {
			HttpCalls http = new HttpCalls(app);
			assertThat(http.get("/api/chain").statusCode()).isEqualTo(200);
			http.flushSpans();

			List<ReceivedSpan> spans = receiver.spans();
			ReceivedSpan chain = single(spans, SpanKind.SPAN_KIND_SERVER, "GET /api/chain");
			ReceivedSpan call = single(spans, SpanKind.SPAN_KIND_CLIENT, "GET");
			ReceivedSpan callee = single(spans, SpanKind.SPAN_KIND_SERVER, "GET /api/orders/{id}");
			ReceivedSpan observation = spans.stream()
				.filter((span) -> span.name().equals("inventory.check"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no span for the observation in " + spans));

			assertThat(List.of(call, callee, observation)).extracting(ReceivedSpan::traceId)
				.containsOnly(chain.traceId());
			assertThat(observation.parentSpanId()).isEqualTo(chain.spanId());
			assertThat(call.parentSpanId()).isEqualTo(chain.spanId());
			assertThat(callee.parentSpanId()).isEqualTo(call.spanId());
			assertThat(spans.stream().filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)).hasSize(2);
		}
	}

	@Test
	void classpathIsTheOneThisRunIntends() {
		boolean actuatorExpected = !"false".equals(System.getProperty("tracing.test.actuator"));
		assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", null))
			.isEqualTo(actuatorExpected);
	}

	private static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind, String name) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> span.kind() == kind && span.name().equals(name))
			.toList();
		assertThat(matching).as("%s spans named '%s' in %s", kind, name, spans).hasSize(1);
		return matching.get(0);
	}

}
