package dev.tracing.boot.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.tracing.boot.export.ExportFailureReporterTests.MutableClock;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
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
		DroppedSpansReporter reporter = new DroppedSpansReporter("tracing.batch.max-queue-size=16",
				Duration.ofMinutes(1), clock);
		try {
			reporter.droppedSoFar(0);
			assertThat(output.getOut()).doesNotContain("Tracing dropped");

			reporter.droppedSoFar(500);
			reporter.droppedSoFar(900);
			clock.advance(Duration.ofSeconds(30));
			reporter.droppedSoFar(1500);
			assertThat(output.getOut().split("Tracing dropped", -1)).hasSize(2);
			assertThat(output.getOut()).contains("Tracing dropped 500 spans because the export queue was full "
					+ "(tracing.batch.max-queue-size=16)")
				.contains("tracing.batch.max-queue-size")
				.contains("at most every 60s");

			clock.advance(Duration.ofSeconds(31));
			reporter.droppedSoFar(1600);
			assertThat(output.getOut()).contains("Tracing dropped 1100 more spans because the export queue was full "
					+ "(1600 since start-up)");
			clock.advance(Duration.ofMinutes(5));
			reporter.droppedSoFar(1600);
			assertThat(output.getOut().split("Tracing dropped", -1)).as("nothing new dropped, nothing said")
				.hasSize(3);
		}
		finally {
			reporter.shutdown();
		}
	}

	@Test
	void silencesOnlyTheSdksPerExportDropWarningWhileItRuns() {
		Logger sdkLogger = Logger.getLogger(BatchSpanProcessor.class.getName());
		AtomicInteger published = new AtomicInteger();
		Handler handler = new Handler() {

			@Override
			public void publish(LogRecord record) {
				published.incrementAndGet();
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}

		};
		sdkLogger.addHandler(handler);
		try {
			DroppedSpansReporter reporter = new DroppedSpansReporter("tracing.batch.max-queue-size=16");
			sdkLogger.log(Level.WARNING, "BatchSpanProcessor dropped 12 span(s) since the last export because "
					+ "the queue is full (maxQueueSize=16)");
			assertThat(published).as("the SDK's drop warning").hasValue(0);
			sdkLogger.log(Level.WARNING, "Exporter threw an Exception");
			assertThat(published).as("other SDK warnings").hasValue(1);

			reporter.shutdown();
			sdkLogger.log(Level.WARNING, "BatchSpanProcessor dropped 3 span(s) since the last export");
			assertThat(published).as("after shutdown").hasValue(2);
			assertThat(sdkLogger.getFilter()).isNull();
		}
		finally {
			sdkLogger.removeHandler(handler);
		}
	}

}
