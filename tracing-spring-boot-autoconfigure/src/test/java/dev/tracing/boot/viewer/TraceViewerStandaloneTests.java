package dev.tracing.boot.viewer;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.pipeline.TracingPipeline;
import dev.tracing.boot.testsupport.HttpCalls;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The viewer with no exporter configured and remote access allowed: it is the only exporter,
 * it shows the request's whole trace, and it answers a client on another address.
 */
class TraceViewerStandaloneTests {

	@Test
	void viewerWorksAloneAndServesRemoteClientsWhenAllowed() {
		try (ConfigurableApplicationContext app = ViewerTestApplication.run(Map.of("tracing.exporter.type", "none",
				"tracing.viewer.enabled", "true", "tracing.viewer.allow-remote", "true", "tracing.viewer.path",
				"/dev/traces"))) {
			assertThat(app.getBean(TracingPipeline.class).assembly().destinations().values())
				.singleElement()
				.isInstanceOf(TraceStoreExporter.class);
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app, "/dev/traces");
			HttpResponse<String> response = http.get("/api/checkout/5");
			String traceId = (String) ViewerClient.parse(response.body()).get("traceId");
			http.flushSpans();

			Map<String, Object> trace = viewer.awaitTrace(traceId, 5);
			List<Map<String, Object>> spans = TraceViewerEndToEndTests.spans(trace);
			assertThat(spans).extracting((span) -> span.get("kind"))
				.containsExactlyInAnyOrder("SERVER", "CLIENT", "INTERNAL", "CLIENT", "CLIENT");
			assertThat(viewer.get("127.0.0.1", "/tracing").statusCode()).isEqualTo(404);

			InetAddress address = ViewerClient.nonLoopbackAddress().orElse(null);
			assumeTrue(address != null, "this machine has no non-loopback IPv4 address to call the viewer from");
			HttpResponse<String> remote = viewer.get(address.getHostAddress(), "/dev/traces/api/traces");
			assertThat(remote.statusCode()).isEqualTo(200);
			assertThat(remote.body()).contains(traceId);
		}
	}

}
