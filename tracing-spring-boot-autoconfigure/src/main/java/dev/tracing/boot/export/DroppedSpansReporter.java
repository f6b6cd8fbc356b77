package dev.tracing.boot.export;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports spans that the batch span processor dropped because its queue was full: one WARN
 * when the first spans are dropped, then at most one per interval with the number dropped
 * since. The counts come from the processor's own metrics
 * ({@link dev.tracing.boot.pipeline.BatchQueueStatistics}); the SDK's own warning after every
 * export that follows a drop, many lines a second under a burst, is silenced in its favour.
 */
final class DroppedSpansReporter {

	private static final Log logger = LogFactory.getLog(DroppedSpansReporter.class);

	private final Supplier<String> queueDescription;

	private final Duration interval;

	private final Clock clock;

	private long dropped;

	private long reportedDropped;

	private long lastReportMillis = Long.MIN_VALUE;

	DroppedSpansReporter(Supplier<String> queueDescription) {
		this(queueDescription, Duration.ofMinutes(1), Clock.systemUTC());
	}

	DroppedSpansReporter(Supplier<String> queueDescription, Duration interval, Clock clock) {
		this.queueDescription = queueDescription;
		this.interval = interval;
		this.clock = clock;
	}

	/** The processor has now dropped this many spans since start-up; warns if it may warn now. */
	synchronized void droppedSoFar(long total) {
		if (total > this.dropped) {
			dropped(total - this.dropped);
		}
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
					+ this.queueDescription.get() + "): spans ended faster than they could be exported. "
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
	public String toString() {
		return "DroppedSpansReporter";
	}

}
