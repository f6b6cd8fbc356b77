package dev.tracing.boot.export;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.export.ExportFailureReporterTests.MutableClock;
import dev.tracing.boot.pipeline.BatchQueueStatistics;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DroppedSpansReporterTests {

	@Test
	void firstDropIsOneWarningThenAtMostOnePerInterval(CapturedOutput output) {
		MutableClock clock = new MutableClock();
		DroppedSpansReporter reporter = new DroppedSpansReporter(() -> "tracing.batch.max-queue-size=16",
				Duration.ofMinutes(1), clock);
		{
			reporter.dropped(500);
			reporter.dropped(400);
			clock.advance(Duration.ofSeconds(30));
			reporter.dropped(600);
			assertThat(output.getOut().split("Tracing dropped", -1)).hasSize(2);
			assertThat(output.getOut()).contains("Tracing dropped 500 spans because the export queue was full "
					+ "(tracing.batch.max-queue-size=16)")
				.contains("at most every 60s");

			clock.advance(Duration.ofSeconds(31));
			reporter.dropped(100);
			assertThat(output.getOut()).contains("Tracing dropped 1100 more spans because the export queue was full "
					+ "(1600 since start-up)");
			assertThat(output.getOut().split("Tracing dropped", -1)).hasSize(3);
			reporter.droppedSoFar(1600);
			assertThat(output.getOut().split("Tracing dropped", -1)).as("nothing new").hasSize(3);
		}
	}

	/** Against the real batch processor and its own metrics, so that an SDK that counts drops differently fails here. */
	@Test
	void countsWhatARealBatchProcessorDrops(CapturedOutput output) throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		SpanExporter blocked = new SpanExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				try {
					release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode flush() {
				return CompletableResultCode.ofSuccess();
			}

			@Override
			public CompletableResultCode shutdown() {
				return CompletableResultCode.ofSuccess();
			}

		};
		BatchQueueStatistics statistics = new BatchQueueStatistics();
		ExportFailureReporting stage = new ExportFailureReporting(() -> "the collector", statistics,
				() -> "tracing.batch.max-queue-size=8");
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.addSpanProcessor(BatchSpanProcessor.builder(stage.around(blocked))
				.setMaxQueueSize(8)
				.setMaxExportBatchSize(4)
				.setScheduleDelay(Duration.ofMillis(10))
				.setMeterProvider(statistics::meterProvider)
				.build())
			.build();
		try {
			Tracer tracer = tracerProvider.get("test");
			for (int i = 0; i < 200; i++) {
				tracer.spanBuilder("span " + i).startSpan().end();
			}
			release.countDown();
			tracer.spanBuilder("after").startSpan().end();
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			assertThat(output.getOut()).containsPattern("Tracing dropped \\d+ spans because the export queue was full "
					+ "\\(tracing.batch.max-queue-size=8\\)");
			assertThat(statistics.read().droppedSpans()).isGreaterThan(0);
		}
		finally {
			tracerProvider.close();
		}
	}

}
