package dev.tracing.boot.actuate;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import dev.tracing.boot.pipeline.BatchQueueStatistics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class TracingHealthIndicatorTests {

	private final SteppingClock clock = new SteppingClock();

	private final ExportStatistics statistics = new ExportStatistics(new BatchQueueStatistics(), this.clock);

	private final Collector collector = new Collector();

	private final SpanExporter exporter = this.statistics.count(this.collector);

	@Test
	void isUpWithTheCountsWhileExportsSucceed() {
		this.exporter.export(List.of());
		Health health = new TracingHealthIndicator(this.statistics, true).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("exporting", true)
			.containsEntry("exports", 1L)
			.containsEntry("failedExports", 0L)
			.containsEntry("lastSuccessAt", "1970-01-01T00:00:01Z");
	}

	@Test
	void staysUpWhileExportsFailUnlessTheUserOptsIn() {
		this.collector.refusing = true;
		this.exporter.export(List.of());
		Health byDefault = new TracingHealthIndicator(this.statistics, false).health();
		assertThat(byDefault.getStatus()).isEqualTo(Status.UP);
		assertThat(byDefault.getDetails()).containsEntry("exporting", false)
			.containsEntry("failedExports", 1L)
			.containsEntry("lastError", "collector refused the connection")
			.containsEntry("lastErrorAt", "1970-01-01T00:00:01Z");
		assertThat(new TracingHealthIndicator(this.statistics, true).health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void isUpAgainOnceAnExportSucceedsAfterAFailure() {
		this.collector.refusing = true;
		this.exporter.export(List.of());
		this.collector.refusing = false;
		this.exporter.export(List.of());
		Health health = new TracingHealthIndicator(this.statistics, true).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("failedExports", 1L).containsEntry("exports", 2L);
	}

	/** Each reading is one second later than the last. */
	static final class SteppingClock extends Clock {

		private long seconds;

		@Override
		public Instant instant() {
			return Instant.ofEpochSecond(++this.seconds);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	static final class Collector implements SpanExporter {

		boolean refusing;

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return this.refusing
					? CompletableResultCode.ofExceptionalFailure(new IOException("collector refused the connection"))
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

}
