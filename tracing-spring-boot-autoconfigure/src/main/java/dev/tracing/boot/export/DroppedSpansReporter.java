package dev.tracing.boot.export;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports spans that the batch span processor dropped because its queue was full: one WARN
 * when the first spans are dropped, then at most one per interval with the number dropped
 * since.
 * <p>
 * The SDK logs a WARN ("BatchSpanProcessor dropped N span(s) since the last export ...")
 * after every export that follows a drop, which under a burst is many lines a second. While
 * a reporter runs, those records are taken out of the SDK's log (and only those: the
 * processor's other messages pass) and their counts summed into this reporter's warnings.
 * Reading the log rather than the processor's drop metric keeps the meter provider free of
 * readers, so that no metric instrument starts recording on the request path. The count is
 * also the SDK's metric, which the actuator endpoint and metric export show.
 * <p>
 * It is registered as a span processor only to share the SDK's lifecycle (it stops at
 * shutdown); it asks for no span callback.
 */
public final class DroppedSpansReporter implements SpanProcessor {

	private static final Log logger = LogFactory.getLog(DroppedSpansReporter.class);

	private static final String SDK_MESSAGE = "BatchSpanProcessor dropped ";

	private static final Logger sdkLogger = Logger.getLogger(BatchSpanProcessor.class.getName());

	private static final List<DroppedSpansReporter> running = new CopyOnWriteArrayList<>();

	private static final Filter DROP_WARNINGS_TO_REPORTERS = DroppedSpansReporter::reportDropWarning;

	private final String queueDescription;

	private final Duration interval;

	private final Clock clock;

	private long dropped;

	private long reportedDropped;

	private long lastReportMillis = Long.MIN_VALUE;

	public DroppedSpansReporter(String queueDescription) {
		this(queueDescription, Duration.ofMinutes(1), Clock.systemUTC());
	}

	DroppedSpansReporter(String queueDescription, Duration interval, Clock clock) {
		this.queueDescription = queueDescription;
		this.interval = interval;
		this.clock = clock;
		synchronized (running) {
			running.add(this);
			if (sdkLogger.getFilter() == null) {
				sdkLogger.setFilter(DROP_WARNINGS_TO_REPORTERS);
			}
		}
	}

	/** Whether the SDK may log this record itself: false for its drop warnings while reporters run. */
	private static boolean reportDropWarning(LogRecord record) {
		String message = record.getMessage();
		if (message == null || !message.startsWith(SDK_MESSAGE) || running.isEmpty()) {
			return true;
		}
		long count = leadingNumber(message, SDK_MESSAGE.length());
		if (count < 0) {
			return true;
		}
		for (DroppedSpansReporter reporter : running) {
			reporter.dropped(count);
		}
		return false;
	}

	private static long leadingNumber(String text, int from) {
		long value = 0;
		int i = from;
		while (i < text.length() && Character.isDigit(text.charAt(i)) && i - from < 18) {
			value = value * 10 + (text.charAt(i++) - '0');
		}
		return (i > from) ? value : -1;
	}

	/** Adds spans the processor dropped, and warns if it may warn now. */
	synchronized void dropped(long count) {
		this.dropped += count;
		long unreported = this.dropped - this.reportedDropped;
		long now = this.clock.millis();
		if (unreported <= 0
				|| (this.lastReportMillis != Long.MIN_VALUE && now - this.lastReportMillis < this.interval.toMillis())) {
			return;
		}
		boolean first = this.reportedDropped == 0;
		this.lastReportMillis = now;
		this.reportedDropped = this.dropped;
		if (first) {
			logger.warn("Tracing dropped " + unreported + " spans because the export queue was full ("
					+ this.queueDescription + "): spans ended faster than they could be exported. "
					+ "Requests are not affected. Raise tracing.batch.max-queue-size, export more often "
					+ "(tracing.batch.schedule-delay) or sample less (tracing.sampling.ratio); this warning "
					+ "repeats at most every " + this.interval.toSeconds() + "s.");
		}
		else {
			logger.warn("Tracing dropped " + unreported + " more spans because the export queue was full ("
					+ this.dropped + " since start-up)");
		}
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
	}

	@Override
	public boolean isEndRequired() {
		return false;
	}

	@Override
	public CompletableResultCode shutdown() {
		synchronized (running) {
			running.remove(this);
			if (running.isEmpty() && sdkLogger.getFilter() == DROP_WARNINGS_TO_REPORTERS) {
				sdkLogger.setFilter(null);
			}
		}
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "DroppedSpansReporter";
	}

}
