package dev.tracing.boot.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's server filter decides sampling before any span exists: a request that is
 * not sampled exports nothing, yet runs in its trace (outgoing calls carry a
 * {@code traceparent} with the sampled flag off, log lines the trace id); a sampled one gets
 * the span the engine's own filter would make, on the trace id the ratio decided by.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerSpanFilterEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static final String SAMPLED_CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static final String UNSAMPLED_CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

	private static final Pattern NOT_SAMPLED = Pattern.compile("00-([0-9a-f]{32})-[0-9a-f]{16}-00");

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void resetReceiver() {
		receiver.reset();
	}

	@Test
	void aRequestThatIsNotSampledExportsNothingYetRunsInItsTrace(CapturedOutput output) {
		try (ConfigurableApplicationContext app = run(Map.of("tracing.sampling.ratio", "0"))) {
			HttpCalls http = new HttpCalls(app);
			Map<String, String> fresh = ViewOfTheCall.parse(http.get("/filter/call").body());
			assertThat(fresh.get("downstreamTraceparent")).matches(NOT_SAMPLED);
			String traceId = fresh.get("traceId");
			assertThat(fresh.get("downstreamTraceparent")).startsWith("00-" + traceId + "-");
			assertThat(fresh.get("downstreamTraceId")).as("the downstream request continues the trace")
				.isEqualTo(traceId);
			assertThat(output).contains(traceId + "-").contains("calling downstream");

			Map<String, String> continued = ViewOfTheCall
				.parse(http.get("/filter/call", "traceparent", UNSAMPLED_CALLER).body());
			assertThat(continued.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(continued.get("downstreamTraceparent")).matches(NOT_SAMPLED)
				.startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");

			http.get("/api/orders/7");
			http.flushSpans();
			assertThat(receiver.spans()).as("no span of any kind: server, client or SQL").isEmpty();
		}
	}

	@Test
	void aSampledCallerIsFollowedWhateverTheRatio() {
		try (ConfigurableApplicationContext app = run(Map.of("tracing.sampling.ratio", "0"))) {
			HttpCalls http = new HttpCalls(app);
			http.get("/api/orders/7", "traceparent", SAMPLED_CALLER);
			http.flushSpans();
			ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKindOf.SERVER);
			assertThat(server.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
			assertThat(server.parentSpanId()).isEqualTo("b7ad6b7169203331");
			assertThat(receiver.awaitSpans((span) -> span.traceId().equals(server.traceId()), 2))
				.extracting(ReceivedSpan::kind)
				.containsExactlyInAnyOrder(SpanKindOf.SERVER, SpanKindOf.CLIENT);
		}
	}

	@Test
	void theRatioDecidesByTheTraceIdTheTraceThenHas() {
		int requests = 120;
		try (ConfigurableApplicationContext app = run(Map.of("tracing.sampling.ratio", "0.5"))) {
			HttpCalls http = new HttpCalls(app);
			for (int i = 0; i < requests; i++) {
				http.get("/filter/plain");
			}
			http.flushSpans();
			List<ReceivedSpan> servers = receiver.spans()
				.stream()
				.filter((span) -> span.kind() == SpanKindOf.SERVER)
				.toList();
			// 5 standard deviations of a binomial(120, 0.5) around 60.
			assertThat(servers).hasSizeBetween(33, 87);
			Sampler ratio = Sampler.traceIdRatioBased(0.5);
			assertThat(servers).allSatisfy((span) -> assertThat(ratio
				.shouldSample(Context.root(), span.traceId(), "GET", SpanKind.SERVER, Attributes.empty(), List.of())
				.getDecision()).as("trace %s", span.traceId()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE));
		}
	}

	@Test
	void aSampledRequestsSpanIsTheEnginesAttributeForAttribute() {
		Map<String, String> capture = Map.of("tracing.web.capture-request-headers", "x-request-id",
				"tracing.web.capture-response-headers", "x-order-note");
		Map<String, String> engine = new LinkedHashMap<>(capture);
		engine.put("tracing.web.server-instrumentation", "engine");
		ReceivedSpan ours;
		try (ConfigurableApplicationContext app = run(capture)) {
			assertThat(app.containsBean("serverSpanFilter")).isTrue();
			assertThat(app.containsBean("otelWebMvcFilter")).as("the engine's filter is off").isFalse();
			ours = serverSpanOf(app);
		}
		receiver.reset();
		ReceivedSpan theEngines;
		try (ConfigurableApplicationContext app = run(engine)) {
			assertThat(app.containsBean("serverSpanFilter")).isFalse();
			assertThat(app.containsBean("otelWebMvcFilter")).isTrue();
			theEngines = serverSpanOf(app);
		}
		assertThat(ours.name()).isEqualTo(theEngines.name()).isEqualTo("GET /api/orders/{id}");
		assertThat(ours.kind()).isEqualTo(theEngines.kind());
		assertThat(ours.scope()).isEqualTo(theEngines.scope());
		assertThat(comparable(ours)).isEqualTo(comparable(theEngines));
		assertThat(comparable(ours)).containsKeys("http.request.method", "http.route", "url.path", "url.query",
				"url.scheme", "http.response.status_code", "http.request.header.x-request-id", "user_agent.original");
	}

	private static ReceivedSpan serverSpanOf(ConfigurableApplicationContext app) {
		HttpCalls http = new HttpCalls(app);
		http.get("/api/orders/7?view=full", "x-request-id", "req-1", "user-agent", "tests/1.0");
		http.flushSpans();
		return receiver.awaitSpan((span) -> span.kind() == SpanKindOf.SERVER);
	}

	/** Attribute keys and values, with the ports and addresses that differ from run to run left out. */
	private static Map<String, String> comparable(ReceivedSpan span) {
		Map<String, String> attributes = new TreeMap<>();
		for (KeyValue attribute : span.span().getAttributesList()) {
			String key = attribute.getKey();
			if (!key.equals("server.port") && !key.equals("network.peer.port")) {
				attributes.put(key, span.attribute(key));
			}
		}
		return attributes;
	}

	private static ConfigurableApplicationContext run(Map<String, String> properties) {
		Map<String, String> all = new LinkedHashMap<>(properties);
		all.put("tracing.exporter.endpoint", receiver.httpEndpoint());
		return TracedApplication.run(all, CallController.class);
	}

	/** The span kinds as the receiver decodes them. */
	private static final class SpanKindOf {

		static final io.opentelemetry.proto.trace.v1.Span.SpanKind SERVER = io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;

		static final io.opentelemetry.proto.trace.v1.Span.SpanKind CLIENT = io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT;

	}

	/** What the call endpoint saw, as {@code key=value} lines. */
	private static final class ViewOfTheCall {

		static Map<String, String> parse(String body) {
			Map<String, String> view = new LinkedHashMap<>();
			body.lines().forEach((line) -> view.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
			return view;
		}

	}

	@RestController
	static class CallController {

		private final RestClient.Builder restClientBuilder;

		private final WebServerApplicationContext context;

		CallController(RestClient.Builder restClientBuilder, WebServerApplicationContext context) {
			this.restClientBuilder = restClientBuilder;
			this.context = context;
		}

		@GetMapping("/filter/plain")
		String plain() {
			return "ok";
		}

		@GetMapping("/filter/call")
		String call() {
			LogFactory.getLog(CallController.class).info("calling downstream");
			String downstream = this.restClientBuilder.baseUrl("http://127.0.0.1:" + this.context.getWebServer().getPort())
				.build()
				.get()
				.uri("/filter/echo")
				.retrieve()
				.body(String.class);
			return "traceId=" + Span.current().getSpanContext().getTraceId() + "\n" + downstream;
		}

		@GetMapping("/filter/echo")
		String echo(@RequestHeader(name = "traceparent", required = false) String traceparent) {
			return "downstreamTraceparent=" + traceparent + "\ndownstreamTraceId="
					+ Span.current().getSpanContext().getTraceId();
		}

	}

}
