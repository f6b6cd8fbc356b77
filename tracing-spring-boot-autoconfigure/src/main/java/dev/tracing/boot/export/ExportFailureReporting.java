package dev.tracing.boot.export;

import java.util.Collection;
import java.util.function.Supplier;

import dev.tracing.boot.pipeline.BatchQueueStatistics;
import dev.tracing.boot.pipeline.SpanExportStage;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The failure-reporting stage of the export chain: failed exports are reported by
 * {@link ExportFailureReporter} (one WARN with the cause, then rate-limited, INFO on
 * recovery), spans dropped at the full batch queue by {@link DroppedSpansReporter}, after
 * each export. An exporter that throws fails its export instead of reaching the batch
 * processor, which would log a stack trace.
 */
public final class ExportFailureReporting implements SpanExportStage {

	private final Supplier<String> destination;

	private final BatchQueueStatistics queueStatistics;

	private final Supplier<String> queueDescription;

	ExportFailureReporting(Supplier<String> destination, BatchQueueStatistics queueStatistics,
			Supplier<String> queueDescription) {
		this.destination = destination;
		this.queueStatistics = queueStatistics;
		this.queueDescription = queueDescription;
	}

	@Override
	public SpanExporter around(SpanExporter next) {
		ExportFailureReporter failures = new ExportFailureReporter(new NeverThrowing(next), this.destination);
		DroppedSpansReporter drops = new DroppedSpansReporter(this.queueDescription);
		return new SpanExporter() {

			@Override
			public CompletableResultCode export(Collection<SpanData> spans) {
				Long dropped = ExportFailureReporting.this.queueStatistics.read().droppedSpans();
				if (dropped != null) {
					drops.droppedSoFar(dropped);
				}
				return failures.export(spans);
			}

			@Override
			public CompletableResultCode flush() {
				return failures.flush();
			}

			@Override
			public CompletableResultCode shutdown() {
				return failures.shutdown();
			}

			@Override
			public String toString() {
				return failures.toString();
			}

		};
	}

	@Override
	public String toString() {
		return "failure reporting";
	}

	/** Turns an exporter's exception into a failed export, which the reporter describes. */
	private record NeverThrowing(SpanExporter delegate) implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			try {
				return this.delegate.export(spans);
			}
			catch (RuntimeException ex) {
				return CompletableResultCode.ofExceptionalFailure(ex);
			}
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

		@Override
		public String toString() {
			return this.delegate.toString();
		}

	}

}
