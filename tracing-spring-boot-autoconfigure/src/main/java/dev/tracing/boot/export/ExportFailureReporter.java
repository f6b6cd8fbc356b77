package dev.tracing.boot.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Wraps the span exporter to report failed exports readably: one WARN with the cause on the
 * first failure, then at most one WARN per interval (also across a collector that keeps
 * coming and going) with the number of failures since, and one INFO when exports succeed
 * again. Never a stack trace per batch.
 * <p>
 * Exports can overlap (the batch processor stops waiting after its export timeout while the
 * exporter's own call may still be retrying), so their results can arrive out of order. The
 * collector counts as down or up according to the newest export that has completed; a failure
 * that arrives after a newer export succeeded is counted and, if a warning is due, reported
 * together with the recovery.
 */
final class ExportFailureReporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(ExportFailureReporter.class);

	private static final long NEVER = Long.MIN_VALUE;

	private final SpanExporter delegate;

	private final Supplier<String> destination;

	private final Duration interval;

	private final Clock clock;

	private final AtomicLong exportsStarted = new AtomicLong();

	private final AtomicLong failedSpans = new AtomicLong();

	// The fields below are guarded by this.

	private long newestCompleted;

	private boolean failing;

	private long failuresSinceWarning;

	private long lastWarningMillis = NEVER;

	ExportFailureReporter(SpanExporter delegate, Supplier<String> destination) {
		this(delegate, destination, Duration.ofMinutes(1), Clock.systemUTC());
	}

	ExportFailureReporter(SpanExporter delegate, Supplier<String> destination, Duration interval, Clock clock) {
		this.delegate = delegate;
		this.destination = destination;
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		long sequence = this.exportsStarted.incrementAndGet();
		CompletableResultCode result = this.delegate.export(spans);
		int count = spans.size();
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				succeeded(sequence);
			}
			else {
				failed(sequence, count, result.getFailureThrowable());
			}
		});
		return result;
	}

	private synchronized void succeeded(long sequence) {
		if (sequence > this.newestCompleted) {
			this.newestCompleted = sequence;
			if (this.failing) {
				this.failing = false;
				logRecovery();
			}
		}
	}

	private synchronized void failed(long sequence, int spans, Throwable cause) {
		this.failedSpans.addAndGet(spans);
		this.failuresSinceWarning++;
		boolean firstOfEpisode = !this.failing;
		if (sequence > this.newestCompleted) {
			this.newestCompleted = sequence;
			this.failing = true;
		}
		long now = this.clock.millis();
		if (this.lastWarningMillis != NEVER && now - this.lastWarningMillis < this.interval.toMillis()) {
			return;
		}
		if (firstOfEpisode) {
			logger.warn("Tracing could not export " + spans + " spans to " + this.destination.get() + ": " + describe(cause)
					+ ". Spans are dropped until the collector answers; this warning repeats at most every "
					+ this.interval.toSeconds() + "s.");
		}
		else {
			logger.warn("Tracing export to " + this.destination.get() + " is still failing (" + this.failuresSinceWarning
					+ " failed exports since the last warning, " + this.failedSpans.get() + " spans lost in all): "
					+ describe(cause));
		}
		this.lastWarningMillis = now;
		this.failuresSinceWarning = 0;
		if (!this.failing) {
			// A newer export has already got through.
			logRecovery();
		}
	}

	private void logRecovery() {
		logger.info("Tracing export to " + this.destination.get() + " works again");
	}

	private static String describe(Throwable cause) {
		if (cause == null) {
			return "the exporter reported a failure";
		}
		String response = OtlpExportFailure.response(cause);
		if (response != null) {
			return response;
		}
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == cause) ? message : cause.getMessage() + " (" + message + ")";
	}

	/** Number of spans in exports that failed since start-up. */
	public long getFailedSpans() {
		return this.failedSpans.get();
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
		return "ExportFailureReporter{" + this.delegate + "}";
	}

}
