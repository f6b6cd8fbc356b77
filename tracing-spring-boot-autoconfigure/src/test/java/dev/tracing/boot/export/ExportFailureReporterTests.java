package dev.tracing.boot.export;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ExportFailureReporterTests {

	private final SwitchableExporter exporter = new SwitchableExporter();

	private final MutableClock clock = new MutableClock();

	private final ExportFailureReporter reporter = new ExportFailureReporter(this.exporter,
			() -> "http://collector:4318/v1/traces (http/protobuf)", Duration.ofMinutes(1), this.clock);

	@Test
	void firstFailureIsOneReadableWarningThenRateLimited(CapturedOutput output) {
		this.exporter.failure = new IOException("Failed to connect", new ConnectException("Connection refused"));
		for (int i = 0; i < 10; i++) {
			this.reporter.export(List.of());
			this.clock.advance(Duration.ofSeconds(5));
		}
		assertThat(occurrences(output.getOut(), "Tracing could not export")).isEqualTo(1);
		assertThat(output.getOut()).contains("http://collector:4318/v1/traces").contains("Connection refused");
		assertThat(output.getOut()).doesNotContain("\tat ");
		assertThat(occurrences(output.getOut(), "still failing")).isZero();

		this.clock.advance(Duration.ofMinutes(1));
		this.reporter.export(List.of());
		assertThat(occurrences(output.getOut(), "still failing")).isEqualTo(1);
	}

	@Test
	void recoveryIsReportedOnce(CapturedOutput output) {
		this.exporter.failure = new IOException("Server responded with HTTP status code 503");
		this.reporter.export(List.of());
		this.exporter.failure = null;
		this.reporter.export(List.of());
		this.reporter.export(List.of());
		assertThat(occurrences(output.getOut(), "works again")).isEqualTo(1);
	}

	@Test
	void flappingCollectorStillWarnsAtMostOncePerInterval(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			this.exporter.failure = new IOException("Connection refused");
			this.reporter.export(List.of());
			this.exporter.failure = null;
			this.reporter.export(List.of());
			this.clock.advance(Duration.ofSeconds(5));
		}
		assertThat(occurrences(output.getOut(), "WARN")).isEqualTo(1);
	}

	@Test
	void failureCompletingAfterALaterSuccessDoesNotLeaveTheCollectorMarkedDown(CapturedOutput output) {
		this.exporter.holdResults = true;
		this.reporter.export(List.of());
		this.reporter.export(List.of());
		CompletableResultCode stillRetrying = this.exporter.held.get(0);
		CompletableResultCode later = this.exporter.held.get(1);

		later.succeed();
		stillRetrying.failExceptionally(new IOException("timeout"));

		String out = output.getOut();
		assertThat(occurrences(out, "Tracing could not export")).isEqualTo(1);
		assertThat(out.indexOf("works again")).as("recovery reported after the warning")
			.isGreaterThan(out.indexOf("Tracing could not export"));

		this.exporter.holdResults = false;
		this.exporter.failure = new IOException("Connection refused");
		this.clock.advance(Duration.ofMinutes(2));
		this.reporter.export(List.of());
		assertThat(occurrences(output.getOut(), "Tracing could not export")).as("next failure starts a new episode")
			.isEqualTo(2);
	}

	@Test
	void successCompletingAfterANewerFailureIsNotARecovery(CapturedOutput output) {
		this.exporter.holdResults = true;
		this.reporter.export(List.of());
		this.reporter.export(List.of());
		CompletableResultCode older = this.exporter.held.get(0);
		CompletableResultCode newer = this.exporter.held.get(1);

		newer.failExceptionally(new IOException("Connection refused"));
		older.succeed();

		assertThat(occurrences(output.getOut(), "Tracing could not export")).isEqualTo(1);
		assertThat(output.getOut()).doesNotContain("works again");
	}

	@Test
	void lateFailureWithinTheWarningIntervalIsOnlyCounted(CapturedOutput output) {
		this.exporter.failure = new IOException("Connection refused");
		this.reporter.export(List.of());
		this.exporter.failure = null;
		this.exporter.holdResults = true;
		this.reporter.export(List.of());
		this.reporter.export(List.of());
		this.exporter.held.get(1).succeed();
		this.exporter.held.get(0).failExceptionally(new IOException("timeout"));

		assertThat(occurrences(output.getOut(), "WARN")).isEqualTo(1);
		assertThat(occurrences(output.getOut(), "works again")).isEqualTo(1);
	}

	private static int occurrences(String text, String fragment) {
		return text.split(java.util.regex.Pattern.quote(fragment), -1).length - 1;
	}

	static final class SwitchableExporter implements SpanExporter {

		Throwable failure;

		boolean holdResults;

		final List<CompletableResultCode> held = new java.util.ArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			if (this.holdResults) {
				CompletableResultCode result = new CompletableResultCode();
				this.held.add(result);
				return result;
			}
			return (this.failure != null) ? CompletableResultCode.ofExceptionalFailure(this.failure)
					: CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
