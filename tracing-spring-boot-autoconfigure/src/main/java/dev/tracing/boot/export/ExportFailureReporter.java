package dev.tracing.boot.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

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
 */
public final class ExportFailureReporter implements SpanExporter {

	private static final Log logger = LogFactory.getLog(ExportFailureReporter.class);

	private final SpanExporter delegate;

	private final String destination;

	private final Duration interval;

	private final Clock clock;

	private final AtomicLong failuresSinceReport = new AtomicLong();

	private final AtomicLong failedSpans = new AtomicLong();

	private volatile boolean failing;

	private static final long NEVER = Long.MIN_VALUE;

	private volatile long lastReportMillis = NEVER;

	public ExportFailureReporter(SpanExporter delegate, String destination) {
		this(delegate, destination, Duration.ofMinutes(1), Clock.systemUTC());
	}

	ExportFailureReporter(SpanExporter delegate, String destination, Duration interval, Clock clock) {
		this.delegate = delegate;
		this.destination = destination;
		this.interval = interval;
		this.clock = clock;
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		CompletableResultCode result = this.delegate.export(spans);
		int count = spans.size();
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				recovered();
			}
			else {
				failed(count, result.getFailureThrowable());
			}
		});
		return result;
	}

	private void failed(int spans, Throwable cause) {
		this.failedSpans.addAndGet(spans);
		long now = this.clock.millis();
		boolean firstOfEpisode = !this.failing;
		this.failing = true;
		long failures = this.failuresSinceReport.incrementAndGet();
		boolean warnedRecently = this.lastReportMillis != NEVER && now - this.lastReportMillis < this.interval.toMillis();
		if (warnedRecently) {
			return;
		}
		this.lastReportMillis = now;
		this.failuresSinceReport.set(0);
		if (firstOfEpisode) {
			logger.warn("Tracing could not export " + spans + " spans to " + this.destination + ": " + describe(cause)
					+ ". Spans are dropped until the collector answers; this warning repeats at most every "
					+ this.interval.toSeconds() + "s.");
		}
		else {
			logger.warn("Tracing export to " + this.destination + " is still failing (" + failures
					+ " failed exports since the last warning, " + this.failedSpans.get() + " spans lost in all): "
					+ describe(cause));
		}
	}

	private void recovered() {
		if (this.failing) {
			this.failing = false;
			logger.info("Tracing export to " + this.destination + " works again");
		}
	}

	private static String describe(Throwable cause) {
		if (cause == null) {
			return "the exporter reported a failure";
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
