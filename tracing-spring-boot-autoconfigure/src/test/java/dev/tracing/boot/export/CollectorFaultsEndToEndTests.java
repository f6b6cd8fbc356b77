package dev.tracing.boot.export;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector that misbehaves never reaches the request path: requests keep succeeding and
 * never wait for the exporter, and export resumes on its own when the collector recovers.
 * Request times are not asserted against a budget (that is the benchmark's job); the bound
 * used here is the collector's own stall, which a request only reaches if it waits on export.
 */
@ExtendWith(OutputCaptureExtension.class)
class CollectorFaultsEndToEndTests {

	private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(3);

	@Test
	void errorStatusesDoNotReachRequestsAndExportResumesWhenTheCollectorRecovers(CapturedOutput output) {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			try (ConfigurableApplicationContext app = run(receiver.httpEndpoint())) {
				HttpCalls http = new HttpCalls(app);
				for (int status : new int[] { 503, 429 }) {
					receiver.respondWith(status);
					assertRequestsSucceedWithin(http, EXPORT_TIMEOUT);
				}
				http.flushSpans();
				assertThat(receiver.requestCount("/v1/traces")).as("export attempts").isGreaterThan(2);
				assertThat(receiver.spans()).isEmpty();

				receiver.respondWith(200);
				http.get("/api/orders/9999");
				receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
						&& "/api/orders/9999".equals(span.attribute("url.path")));
				// The receiver has the spans before the exporter has read its answer and logged.
				awaitOutput(output, "works again", Duration.ofSeconds(10));
			}
			assertThat(output.getOut().split("Tracing could not export", -1)).as("one warning, then rate-limited")
				.hasSize(2);
			assertThat(output.getOut()).contains("works again");
		}
	}

	@Test
	void collectorThatAcceptsAndNeverAnswersDoesNotHoldRequests() throws IOException {
		try (SilentCollector collector = new SilentCollector();
				ConfigurableApplicationContext app = run("http://127.0.0.1:" + collector.port())) {
			assertRequestsSucceedWithin(new HttpCalls(app), EXPORT_TIMEOUT);
		}
	}

	@Test
	void collectorAnsweringAfterTwentySecondsDoesNotHoldRequests() {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			receiver.delayResponses(Duration.ofSeconds(20));
			try (ConfigurableApplicationContext app = run(receiver.httpEndpoint())) {
				HttpCalls http = new HttpCalls(app);
				assertRequestsSucceedWithin(http, EXPORT_TIMEOUT);
			}
		}
	}

	private static void awaitOutput(CapturedOutput output, String text, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!output.getOut().contains(text) && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static ConfigurableApplicationContext run(String endpoint) {
		return TracedApplication.run(Map.of("tracing.exporter.endpoint", endpoint, "tracing.exporter.timeout",
				EXPORT_TIMEOUT.toSeconds() + "s", "tracing.batch.export-timeout", "4s",
				"tracing.batch.schedule-delay", "200ms"));
	}

	/**
	 * Sends requests while exports stall or fail. A request that waited on the exporter
	 * would take at least the exporter timeout or the collector's stall. The first request
	 * warms the application up and is not timed.
	 */
	private static void assertRequestsSucceedWithin(HttpCalls http, Duration bound) {
		assertThat(http.get("/api/orders/0").statusCode()).isEqualTo(200);
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			long start = System.nanoTime();
			assertThat(http.get("/api/orders/" + i).statusCode()).isEqualTo(200);
			millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
		assertThat(millis).allSatisfy((took) -> assertThat(took).isLessThan(bound.toMillis()));
	}

	/** Accepts connections, reads nothing, answers nothing. */
	private static final class SilentCollector implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final Thread acceptor;

		SilentCollector() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.acceptor = new Thread(() -> {
				while (!this.server.isClosed()) {
					try {
						this.accepted.add(this.server.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			}, "silent-collector");
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
		}

	}

}
