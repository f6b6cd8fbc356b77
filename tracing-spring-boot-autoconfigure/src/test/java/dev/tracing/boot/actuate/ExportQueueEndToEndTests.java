package dev.tracing.boot.actuate;

import java.time.Duration;
import java.util.Map;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.TracedApplication;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.boot.actuate.ActuatorClient.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow collector and a tiny batch queue: the endpoint shows spans waiting in the queue and
 * spans dropped because it was full, as the SDK's batch processor counts them, and every
 * span the application made is accounted for as exported or dropped.
 */
class ExportQueueEndToEndTests {

	private static final int REQUESTS = 10;

	private static final int SPANS_PER_REQUEST = 2;

	@Test
	void showsQueueDepthAndSpansDroppedWhenTheQueueIsFull() {
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of("tracing.exporter.endpoint",
						receiver.httpEndpoint(), "tracing.batch.max-queue-size", "4",
						"tracing.batch.max-export-batch-size", "4", "tracing.web.excluded-urls", "/actuator",
						"management.endpoints.web.exposure.include", "tracing"))) {
			HttpCalls http = new HttpCalls(app);
			ActuatorClient actuator = new ActuatorClient(http);
			receiver.delayResponses(Duration.ofSeconds(4));
			for (int i = 0; i < REQUESTS; i++) {
				assertThat(http.get("/api/orders/" + i).statusCode()).isEqualTo(200);
			}

			Map<String, Object> blocked = actuator.awaitExport(
					(export) -> number(export, "spansDropped") > 0 && number(export, "queueDepth") > 0,
					"dropped spans and a non-empty queue while the collector is slow");
			assertThat(number(blocked, "queueDepth")).isLessThanOrEqualTo(4);

			receiver.delayResponses(Duration.ZERO);
			http.flushSpans();
			Map<String, Object> settled = actuator.awaitExport((export) -> number(export, "queueDepth") == 0
					&& number(export, "spansExported") + number(export, "spansDropped") == REQUESTS * SPANS_PER_REQUEST,
					"every span exported or dropped");
			assertThat(number(settled, "spansDropped")).isPositive();
			assertThat(number(settled, "failedExports")).isZero();
			assertThat(receiver.spans()).hasSize((int) number(settled, "spansExported"));
		}
	}

}
