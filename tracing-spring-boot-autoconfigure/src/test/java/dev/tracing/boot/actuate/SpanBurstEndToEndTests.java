package dev.tracing.boot.actuate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.boot.actuate.ActuatorClient.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of spans far above the batch queue while the collector is slow: every request
 * succeeds, the queue never holds more than its maximum (spans are dropped, not queued
 * without bound), the drop count is visible as the SDK's metric through the endpoint, one
 * WARN says so (and not one line per export), and export resumes by itself when the
 * collector answers again.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpanBurstEndToEndTests {

	private static final int QUEUE = 64;

	private static final int REQUESTS = 1200;

	private static final int SPANS_PER_REQUEST = 2;

	@Test
	void burstFarAboveTheQueueDropsSpansCountsThemAndWarnsOnce(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of("tracing.exporter.endpoint",
						receiver.httpEndpoint(), "tracing.batch.max-queue-size", Integer.toString(QUEUE),
						"tracing.batch.max-export-batch-size", "32", "tracing.web.excluded-urls", "/actuator",
						"management.endpoints.web.exposure.include", "tracing"))) {
			HttpCalls http = new HttpCalls(app);
			ActuatorClient actuator = new ActuatorClient(http);
			assertThat(http.get("/api/orders/1").statusCode()).isEqualTo(200);
			http.flushSpans();
			long heapBefore = usedHeapAfterGc();

			receiver.delayResponses(Duration.ofSeconds(3));
			AtomicLong deepestQueue = new AtomicLong();
			ExecutorService clients = Executors.newFixedThreadPool(4);
			try {
				List<Future<Integer>> statuses = new ArrayList<>();
				for (int i = 0; i < REQUESTS; i++) {
					int id = i;
					statuses.add(clients.submit(() -> http.get("/api/orders/" + id).statusCode()));
					if (i % 100 == 0) {
						deepestQueue.accumulateAndGet(number(actuator.export(), "queueDepth"), Math::max);
					}
				}
				for (Future<Integer> status : statuses) {
					assertThat(status.get()).isEqualTo(200);
				}
			}
			finally {
				clients.shutdown();
			}
			long heapAfter = usedHeapAfterGc();
			Map<String, Object> dropped = actuator.awaitExport((export) -> number(export, "spansDropped") > 0,
					"spans dropped because the queue was full");
			assertThat(Math.max(deepestQueue.get(), number(dropped, "queueDepth"))).isLessThanOrEqualTo(QUEUE);
			// The queue is the only place spans wait; 64 of them are a few hundred KB. An
			// unbounded queue would hold the burst's 2400 spans and everything they reference.
			System.out.printf("Heap used after GC: %d KB before the burst, %d KB after it%n", heapBefore / 1024,
					heapAfter / 1024);
			assertThat(heapAfter - heapBefore).isLessThan(32L * 1024 * 1024);

			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (!output.getOut().contains("Tracing dropped") && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertThat(output.getOut()).contains("Tracing dropped")
				.contains("because the export queue was full (tracing.batch.max-queue-size=" + QUEUE + ")");

			receiver.delayResponses(Duration.ZERO);
			actuator.awaitExport((export) -> number(export, "queueDepth") == 0, "the queue drained");
			assertThat(http.get("/api/orders/424242").statusCode()).isEqualTo(200);
			receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
					&& "/api/orders/424242".equals(span.attribute("url.path")));
			http.flushSpans();
			int made = (REQUESTS + 2) * SPANS_PER_REQUEST;
			Map<String, Object> settled = actuator.awaitExport(
					(export) -> number(export, "spansExported") + number(export, "spansDropped") == made,
					"every span exported or dropped");
			assertThat(number(settled, "spansDropped")).isGreaterThan(REQUESTS);
			assertThat(number(settled, "failedExports")).isZero();
		}
		assertThat(output.getOut().split("Tracing dropped", -1)).as("one warning for the whole burst").hasSize(2);
		assertThat(output.getOut()).doesNotContain("BatchSpanProcessor dropped");
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
