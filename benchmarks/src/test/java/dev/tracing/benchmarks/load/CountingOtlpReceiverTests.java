package dev.tracing.benchmarks.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CountingOtlpReceiver}: exports encoded by the OTLP protobuf classes, counted
 * without decoding, over real HTTP.
 */
class CountingOtlpReceiverTests {

	private final HttpClient client = HttpClient.newHttpClient();

	private CountingOtlpReceiver receiver;

	@BeforeEach
	void start() throws IOException {
		this.receiver = CountingOtlpReceiver.start();
	}

	@AfterEach
	void stop() {
		this.receiver.stop();
	}

	@Test
	void countsSpansAndServerSpansAcrossResourcesAndScopes() {
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(resourceSpans(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_INTERNAL, SpanKind.SPAN_KIND_CLIENT))
			.addResourceSpans(resourceSpans(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_UNSPECIFIED))
			.build();
		CountingOtlpReceiver.SpanCount count = CountingOtlpReceiver.countSpans(request.toByteArray());
		assertThat(count.spans()).isEqualTo(5);
		assertThat(count.serverSpans()).isEqualTo(2);
	}

	@Test
	void aSpanWithoutKindIsNotAServerSpan() {
		ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName("no kind"))))
			.build();
		assertThat(CountingOtlpReceiver.countSpans(request.toByteArray()))
			.isEqualTo(new CountingOtlpReceiver.SpanCount(1, 0));
	}

	@Test
	void countsEachPathApartOverHttpAndResets() throws Exception {
		byte[] payload = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(resourceSpans(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_CLIENT))
			.build()
			.toByteArray();
		assertThat(post("/ours-100/v1/traces", payload, false)).isEqualTo(200);
		assertThat(post("/ours-100/v1/traces", gzip(payload), true)).isEqualTo(200);
		assertThat(post("/agent-10/v1/traces", payload, false)).isEqualTo(200);
		assertThat(get("/stats/ours-100"))
			.isEqualTo("spans=4 server_spans=2 exports=2 bytes=" + (2 * payload.length) + "\n");
		assertThat(get("/stats/agent-10")).startsWith("spans=2 server_spans=1 exports=1 ");
		assertThat(get("/stats/off")).isEqualTo("spans=0 server_spans=0 exports=0 bytes=0\n");
		this.client.send(HttpRequest.newBuilder(uri("/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(get("/stats/ours-100")).isEqualTo("spans=0 server_spans=0 exports=0 bytes=0\n");
	}

	@Test
	void rejectsWhatIsNotAnExport() throws Exception {
		assertThat(post("/ours-100/v1/traces", new byte[] { 0x0a, 0x7f }, false)).isEqualTo(400);
		assertThat(post("/ours-100/v1/metrics", new byte[0], false)).isEqualTo(404);
	}

	private static ResourceSpans resourceSpans(SpanKind... kinds) {
		ScopeSpans.Builder scope = ScopeSpans.newBuilder();
		for (SpanKind kind : kinds) {
			scope.addSpans(Span.newBuilder()
				.setTraceId(ByteString.copyFrom(new byte[16]))
				.setSpanId(ByteString.copyFrom(new byte[8]))
				.setName("span")
				// The kind after other fields, and attributes after it, as exporters write them.
				.setKind(kind)
				.setStartTimeUnixNano(1)
				.setEndTimeUnixNano(2)
				.addAttributes(KeyValue.newBuilder()
					.setKey("http.route")
					.setValue(AnyValue.newBuilder().setStringValue("/api/orders"))));
		}
		return ResourceSpans.newBuilder()
			.setResource(Resource.newBuilder()
				.addAttributes(KeyValue.newBuilder()
					.setKey("service.name")
					.setValue(AnyValue.newBuilder().setStringValue("order-service"))))
			.addScopeSpans(scope)
			.addScopeSpans(ScopeSpans.newBuilder())
			.build();
	}

	private int post(String path, byte[] body, boolean gzip) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (gzip) {
			request.header("Content-Encoding", "gzip");
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private String get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.receiver.port() + path);
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

}
