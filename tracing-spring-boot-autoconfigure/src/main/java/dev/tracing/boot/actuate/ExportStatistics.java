package dev.tracing.boot.actuate;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.tracing.boot.pipeline.BatchQueueStatistics;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Counts what the export chain does, for the {@code tracing} actuator endpoint and health
 * contributor. Exported and failed spans are counted by {@link CountingSpanExporter} in the
 * counting stage; spans dropped because the batch queue was full, and the queue's depth,
 * come from the batch processor's own metrics ({@link BatchQueueStatistics}).
 */
public final class ExportStatistics {

	private final Clock clock;

	private final BatchQueueStatistics queueStatistics;

	private final LongAdder exportedSpans = new LongAdder();

	private final LongAdder failedSpans = new LongAdder();

	private final AtomicLong exports = new AtomicLong();

	private final AtomicLong failedExports = new AtomicLong();

	private volatile boolean wrapping;

	private volatile Failure lastFailure;

	private volatile Instant lastSuccessAt;

	private volatile Resource resource;

	public ExportStatistics(BatchQueueStatistics queueStatistics) {
		this(queueStatistics, Clock.systemUTC());
	}

	ExportStatistics(BatchQueueStatistics queueStatistics, Clock clock) {
		this.queueStatistics = queueStatistics;
		this.clock = clock;
	}

	/** Wraps a span exporter so that its exports are counted here. */
	public SpanExporter count(SpanExporter exporter) {
		this.wrapping = true;
		return new CountingSpanExporter(exporter, this);
	}

	void exported(int spans, Resource resource) {
		this.exports.incrementAndGet();
		this.exportedSpans.add(spans);
		this.lastSuccessAt = this.clock.instant();
		if (resource != null) {
			this.resource = resource;
		}
	}

	void failed(int spans, String error) {
		this.exports.incrementAndGet();
		this.failedExports.incrementAndGet();
		this.failedSpans.add(spans);
		this.lastFailure = new Failure(error, this.clock.instant());
	}

	/** The resource of the latest exported batch, or {@code null} before the first. */
	Resource resource() {
		return this.resource;
	}

	public Snapshot snapshot() {
		BatchQueueStatistics.Reading reading = this.queueStatistics.read();
		Failure failure = this.lastFailure;
		return new Snapshot(this.wrapping, this.exports.get(), this.exportedSpans.sum(), this.failedExports.get(),
				this.failedSpans.sum(), reading.droppedSpans(), reading.queueDepth(),
				(failure != null) ? failure.error() : null, (failure != null) ? failure.at() : null,
				this.lastSuccessAt);
	}

	private record Failure(String error, Instant at) {
	}

	/**
	 * The exporters' counts at one moment.
	 *
	 * @param counting whether any exporter is counted (false when the SDK is not built by
	 * the starter, for example because the application defines its own OpenTelemetry bean)
	 * @param exports the number of export calls
	 * @param exportedSpans the number of spans exported successfully
	 * @param failedExports the number of export calls that failed
	 * @param failedSpans the number of spans in failed exports
	 * @param droppedSpans the number of spans the batch processor dropped because its queue
	 * was full, or {@code null} when unknown
	 * @param queueDepth the number of spans waiting in the batch queue, or {@code null} when
	 * unknown
	 * @param lastError the last export error, or {@code null}
	 * @param lastErrorAt when the last export failed, or {@code null}
	 * @param lastSuccessAt when an export last succeeded, or {@code null}
	 */
	public record Snapshot(boolean counting, long exports, long exportedSpans, long failedExports, long failedSpans,
			Long droppedSpans, Long queueDepth, String lastError, Instant lastErrorAt, Instant lastSuccessAt) {

		/** Whether the most recent export failed. */
		public boolean failing() {
			return this.lastErrorAt != null && (this.lastSuccessAt == null || this.lastErrorAt.isAfter(this.lastSuccessAt));
		}

	}

}
