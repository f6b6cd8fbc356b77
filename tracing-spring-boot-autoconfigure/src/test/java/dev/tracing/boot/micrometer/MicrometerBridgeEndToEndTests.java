package dev.tracing.boot.micrometer;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer observations join the request's trace through the bridge, while the work the
 * engine already traces (the server request, the outgoing RestClient call) still produces
 * exactly one span each, although Spring's own HTTP observations run too. The build runs this
 * class twice: with spring-boot-starter-actuator on the classpath and without it.
 */
class MicrometerBridgeEndToEndTests {

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint()), ObservedQuotes.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void oneSpanPerRequestAndCallAndObservationsInTheSameTrace() {
		HttpCalls http = new HttpCalls(app);
		assertThat(http.get("/api/chain").statusCode()).isEqualTo(200);
		ReceivedSpan request = receiver.awaitSpan((span) -> span.name().equals("GET /api/chain"));
		http.flushSpans();

		List<ReceivedSpan> spans = receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(request.traceId()))
			.toList();
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

	@Test
	void observedMethodIsOneSpanInTheRequestTrace() {
		HttpCalls http = new HttpCalls(app);
		assertThat(http.get("/api/observed").body()).isEqualTo("12.50");
		ReceivedSpan request = receiver.awaitSpan((span) -> span.name().equals("GET /api/observed"));
		receiver.awaitSpan((span) -> span.name().equals("quote price"));
		http.flushSpans();

		List<ReceivedSpan> trace = receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(request.traceId()))
			.toList();
		assertThat(trace).hasSize(2);
		ReceivedSpan quote = single(trace, SpanKind.SPAN_KIND_INTERNAL, "quote price");
		assertThat(quote.parentSpanId()).isEqualTo(request.spanId());
		assertThat(quote.scope()).isEqualTo(MicrometerBridgeAutoConfiguration.INSTRUMENTATION_SCOPE);
		assertThat(quote.attribute("quote.sku")).as("@ObservationKeyValue argument").isEqualTo("sku-17");
	}

	@Test
	void classpathIsTheOneThisRunIntends() {
		boolean actuatorExpected = !"false".equals(System.getProperty("tracing.test.actuator"));
		assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.endpoint.annotation.Endpoint", null))
			.isEqualTo(actuatorExpected);
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ QuoteController.class, QuoteService.class })
	static class ObservedQuotes {

	}

	@RestController
	static class QuoteController {

		private final QuoteService quotes;

		QuoteController(QuoteService quotes) {
			this.quotes = quotes;
		}

		@GetMapping("/api/observed")
		String quote() {
			return this.quotes.quote("sku-17");
		}

	}

	static class QuoteService {

		@io.micrometer.observation.annotation.Observed(name = "pricing.quote", contextualName = "quote price")
		public String quote(@io.micrometer.observation.annotation.ObservationKeyValue(key = "quote.sku") String sku) {
			return "12.50";
		}

	}

	private static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind, String name) {
		List<ReceivedSpan> matching = spans.stream()
			.filter((span) -> span.kind() == kind && span.name().equals(name))
			.toList();
		assertThat(matching).as("%s spans named '%s' in %s", kind, name, spans).hasSize(1);
		return matching.get(0);
	}

}
