package dev.tracing.boot.viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import dev.tracing.boot.testsupport.HttpCalls;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application with the viewer and a second application, a worker with no web server
 * and no viewer of its own, that exports its spans over OTLP/HTTP (gzip) to the web
 * application's viewer, as the sample's worker profile does in development. The web request
 * publishes a message, the worker continues its trace from the message headers, and the
 * viewer's API then returns one trace with the spans of both services, the worker's masked by
 * the web application's redaction (the worker's own is off), and the worker's exports are not
 * traced. The endpoint refuses what it must: other media types, oversized and compressed
 * bombs, web pages, proxies; and answers broken input with 400, never a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ViewerOtlpEndToEndTests {

	private static final String CUSTOMER = "bob@example.com";

	private static final String OWNER = "carol@example.com";

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext web;

	private ConfigurableApplicationContext worker;

	private ViewerClient viewer;

	private HttpCalls http;

	@BeforeAll
	void startTheWebApplicationAndItsWorker() {
		this.web = ViewerTestApplication.run(Map.of("tracing.exporter.type", "none", "tracing.viewer.enabled", "true",
				"tracing.viewer.max-otlp-request-size", "64KB"));
		this.viewer = new ViewerClient(this.web);
		this.http = new HttpCalls(this.web);
		this.http.get("/api/checkout/0");
		Map<String, Object> worker = new LinkedHashMap<>();
		worker.put("spring.application.name", "checkout-worker");
		worker.put("spring.main.banner-mode", "off");
		worker.put("spring.datasource.url", "jdbc:h2:mem:viewer-worker;DB_CLOSE_DELAY=-1");
		worker.put("tracing.exporter.type", "none");
		worker.put("tracing.exporter.endpoint", "http://localhost:" + this.viewer.port() + "/tracing");
		worker.put("tracing.exporter.compression", "gzip");
		worker.put("tracing.batch.schedule-delay", "100ms");
		// Off in the worker: what masks its spans in the viewer is the web application's redaction.
		worker.put("tracing.redaction.enabled", "false");
		worker.put("tracing.resource-attributes.owner", OWNER);
		this.worker = new SpringApplicationBuilder(Worker.class).web(WebApplicationType.NONE).properties(worker).run();
		flush(this.worker);
	}

	@AfterAll
	void stop() {
		if (this.worker != null) {
			this.worker.close();
		}
		this.web.close();
	}

	@BeforeEach
	void emptyTheViewer() {
		this.http.flushSpans();
		this.web.getBean(TraceStore.class).clear();
	}

	@Test
	void viewerShowsOneTraceWithTheSpansOfBothServices(CapturedOutput output) {
		Map<String, Object> published = ViewerClient.parse(this.http.get("/api/enqueue").body());
		String traceId = (String) published.get("traceId");
		@SuppressWarnings("unchecked")
		Map<String, String> headers = (Map<String, String>) published.get("headers");
		this.worker.getBean(OrderWorker.class).process(headers);
		flush(this.worker);
		this.http.flushSpans();

		Map<String, Object> trace = this.viewer.awaitTrace(traceId, 4);
		List<Map<String, Object>> spans = TraceViewerEndToEndTests.spans(trace);
		assertThat(spans).extracting((span) -> span.get("kind") + " @" + span.get("service"))
			.containsExactlyInAnyOrder("SERVER @checkout-service", "PRODUCER @checkout-service",
					"CONSUMER @checkout-worker", "CLIENT @checkout-worker");
		Map<String, Object> server = span(spans, "SERVER");
		assertThat(server.get("name")).isEqualTo("GET /api/enqueue");
		Map<String, Object> send = span(spans, "PRODUCER");
		Map<String, Object> process = span(spans, "CONSUMER");
		Map<String, Object> select = span(spans, "CLIENT");
		assertThat((String) select.get("name")).startsWith("SELECT");
		assertThat(server.get("parentSpanId")).isNull();
		assertThat(send.get("parentSpanId")).isEqualTo(server.get("spanId"));
		assertThat(process.get("parentSpanId")).isEqualTo(send.get("spanId"));
		assertThat(select.get("parentSpanId")).isEqualTo(process.get("spanId"));
		assertThat(trace.get("rootName")).isEqualTo("GET /api/enqueue");
		assertThat(trace.get("service")).isEqualTo("checkout-service");
		assertThat(trace.get("services")).isEqualTo(List.of("checkout-service", "checkout-worker"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> resources = (List<Map<String, Object>>) trace.get("resources");
		assertThat(resources).extracting((resource) -> resource.get("service.name"))
			.containsExactly("checkout-service", "checkout-worker");
		assertThat(resources.get(((Number) process.get("resource")).intValue()).get("service.name"))
			.isEqualTo("checkout-worker");

		// Masked by the web application, as its own spans are, resource included.
		@SuppressWarnings("unchecked")
		Map<String, Object> processAttributes = (Map<String, Object>) process.get("attributes");
		assertThat(processAttributes.get("enduser.email")).isEqualTo("***@***.**");
		assertThat(resources.get(1).get("owner")).isEqualTo("***@***.**");
		String json = this.viewer.get("127.0.0.1", "/tracing/api/traces/" + traceId).body();
		assertThat(json).doesNotContain(CUSTOMER, OWNER);

		// The worker's exports are viewer requests: not traced, so the trace is the only one.
		assertThat(this.viewer.traces("")).extracting((summary) -> summary.get("traceId")).containsExactly(traceId);
		assertThat(this.viewer.traces("")).singleElement()
			.satisfies((summary) -> assertThat(summary.get("services"))
				.isEqualTo(List.of("checkout-service", "checkout-worker")));
		assertThat(output.getAll()).contains("Trace viewer receives spans of service 'checkout-worker' over OTLP")
			.doesNotContainPattern("(?m)^\\S+\\s+ERROR ");
	}

	@Test
	void acceptsAnOtlpRequestAndAnswersAsACollectorDoes() {
		HttpResponse<byte[]> accepted = post("/tracing/v1/traces", request(1).toByteArray(), "application/x-protobuf");
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
		assertThat(accepted.body()).isEmpty();
		Map<String, Object> trace = this.viewer.awaitTrace("0af7651916cd43dd8448eb211c80319c", 1);
		assertThat(trace.get("service")).isEqualTo("crafted-service");
		assertThat(trace.get("rootName")).isEqualTo("crafted 0");
	}

	@Test
	void refusesWhatItMustWithTheReasonAndNoStackTrace(CapturedOutput output) throws IOException {
		byte[] valid = request(1).toByteArray();
		HttpResponse<byte[]> json = post("/tracing/v1/traces", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(text(json)).contains("application/x-protobuf", "http/protobuf");

		HttpResponse<byte[]> brotli = post("/tracing/v1/traces", valid, "application/x-protobuf", "Content-Encoding",
				"br");
		assertThat(brotli.statusCode()).isEqualTo(415);

		HttpResponse<byte[]> page = post("/tracing/v1/traces", valid, "application/x-protobuf", "Origin",
				"http://localhost:3000");
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(text(page)).contains("not from web pages");

		HttpResponse<byte[]> proxied = post("/tracing/v1/traces", valid, "application/x-protobuf", "X-Forwarded-For",
				"203.0.113.9");
		assertThat(proxied.statusCode()).isEqualTo(403);

		byte[] large = request(400).toByteArray();
		assertThat(large.length).isGreaterThan(64 * 1024);
		HttpResponse<byte[]> tooLarge = post("/tracing/v1/traces", large, "application/x-protobuf");
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(text(tooLarge)).contains("tracing.viewer.max-otlp-request-size");

		byte[] bomb = gzip(new byte[10 * 1024 * 1024]);
		assertThat(bomb.length).isLessThan(64 * 1024);
		HttpResponse<byte[]> inflated = post("/tracing/v1/traces", bomb, "application/x-protobuf", "Content-Encoding",
				"gzip");
		assertThat(inflated.statusCode()).isEqualTo(413);

		HttpResponse<byte[]> garbage = post("/tracing/v1/traces", "not protobuf".getBytes(StandardCharsets.UTF_8),
				"application/x-protobuf");
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(text(garbage)).contains("not an OTLP ExportTraceServiceRequest");

		HttpResponse<byte[]> notGzip = post("/tracing/v1/traces", valid, "application/x-protobuf", "Content-Encoding",
				"gzip");
		assertThat(notGzip.statusCode()).isEqualTo(400);
		assertThat(text(notGzip)).contains("not valid gzip");

		HttpResponse<byte[]> compressed = post("/tracing/v1/traces", gzip(valid), "application/x-protobuf",
				"Content-Encoding", "gzip");
		assertThat(compressed.statusCode()).isEqualTo(200);
		assertThat(this.viewer.rawGet("//tracing/v1/traces")).startsWith("HTTP/1.1 308")
			.contains("Location: /tracing/v1/traces\r\n");
		assertThat(this.viewer.get("127.0.0.1", "/tracing/v1/traces").statusCode()).isEqualTo(404);

		this.http.flushSpans();
		assertThat(this.viewer.traces("")).extracting((trace) -> String.valueOf(trace.get("route")))
			.noneMatch((route) -> route.contains("tracing"));
		assertThat(this.viewer.traces("")).extracting((trace) -> trace.get("service")).containsOnly("crafted-service");
		assertThat(output.getAll()).doesNotContainPattern("(?m)^\\S+\\s+ERROR ").doesNotContain("Exception");
	}

	private static Map<String, Object> span(List<Map<String, Object>> spans, String kind) {
		return spans.stream().filter((span) -> kind.equals(span.get("kind"))).findFirst().orElseThrow();
	}

	/** A request with this many spans of one trace, made with the official protobuf classes. */
	private static ExportTraceServiceRequest request(int spans) {
		ScopeSpans.Builder scope = ScopeSpans.newBuilder();
		for (int i = 0; i < spans; i++) {
			scope.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
				.setTraceId(ByteString.fromHex("0af7651916cd43dd8448eb211c80319c"))
				.setSpanId(ByteString.fromHex(String.format("%016x", i + 1)))
				.setName("crafted " + i)
				.setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_INTERNAL)
				.setStartTimeUnixNano(1_796_421_391_000_000_000L + i)
				.setEndTimeUnixNano(1_796_421_391_000_000_000L + i + 1_000)
				.addAttributes(KeyValue.newBuilder()
					.setKey("padding")
					.setValue(AnyValue.newBuilder().setStringValue("x".repeat(200)))));
		}
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder()
					.addAttributes(KeyValue.newBuilder()
						.setKey("service.name")
						.setValue(AnyValue.newBuilder().setStringValue("crafted-service"))))
				.addScopeSpans(scope))
			.build();
	}

	private HttpResponse<byte[]> post(String path, byte[] body, String contentType, String... headers) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.viewer.port() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The message of the {@code google.rpc.Status} in an error answer. */
	private static String text(HttpResponse<byte[]> response) throws IOException {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
		return com.google.rpc.Status.parseFrom(response.body()).getMessage();
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static void flush(ConfigurableApplicationContext context) {
		context.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
	}

	/** The worker: no web server, no viewer, the starter's defaults otherwise. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Worker {

		@Bean
		OrderWorker orderWorker(OpenTelemetry openTelemetry, JdbcTemplate jdbc) {
			return new OrderWorker(openTelemetry, jdbc);
		}

	}

	/** Consumes a message: continues the publisher's trace from its headers, runs SQL. */
	static class OrderWorker {

		private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {

			@Override
			public Iterable<String> keys(Map<String, String> carrier) {
				return carrier.keySet();
			}

			@Override
			public String get(Map<String, String> carrier, String key) {
				return (carrier != null) ? carrier.get(key) : null;
			}

		};

		private final OpenTelemetry openTelemetry;

		private final Tracer tracer;

		private final JdbcTemplate jdbc;

		OrderWorker(OpenTelemetry openTelemetry, JdbcTemplate jdbc) {
			this.openTelemetry = openTelemetry;
			this.tracer = openTelemetry.getTracer("dev.tracing.viewer-worker");
			this.jdbc = jdbc;
		}

		void process(Map<String, String> headers) {
			Context parent = this.openTelemetry.getPropagators()
				.getTextMapPropagator()
				.extract(Context.root(), headers, HEADERS);
			Span process = this.tracer.spanBuilder("process orders")
				.setParent(parent)
				.setSpanKind(SpanKind.CONSUMER)
				.startSpan();
			try (Scope scope = process.makeCurrent()) {
				process.setAttribute("enduser.email", CUSTOMER);
				this.jdbc.queryForObject("SELECT 1", Integer.class);
			}
			finally {
				process.end();
			}
		}

	}

}
