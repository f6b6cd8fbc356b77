package dev.tracing.boot.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports spans that the batch span processor dropped because its queue was full: one WARN
 * when the first spans are dropped, then at most one per interval with the number dropped
 * since. The count is the SDK's own drop counter ({@code processedSpans} with
 * {@code dropped=true}, or {@code otel.sdk.processor.span.processed} with
 * {@code error.type=queue_full}), read by a periodic metric reader; the same counter is the
 * metric that the actuator endpoint shows and that metric export sends.
 * <p>
 * The SDK itself logs a WARN after every export that follows a drop, which under a burst is
 * many lines a second; while this reporter runs, those records are filtered out (and only
 * those: the processor's other messages still pass).
 */
public final class DroppedSpansReporter implements MetricExporter {

	/** How often the drop counter is read. */
	public static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(DroppedSpansReporter.class);

	private static final String SCOPE = "io.opentelemetry.sdk.trace";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private static final Logger sdkLogger = Logger.getLogger(BatchSpanProcessor.class.getName());

	private static final Filter WITHOUT_DROP_WARNINGS = DroppedSpansReporter::isNotDropWarning;

	private final String queueDescription;

	private final Duration interval;

	private final Clock clock;

	private long reportedDropped;

	private long lastReportMillis = Long.MIN_VALUE;

	private boolean filterInstalled;

	public DroppedSpansReporter(String queueDescription) {
		this(queueDescription, Duration.ofMinutes(1), Clock.systemUTC());
	}

	DroppedSpansReporter(String queueDescription, Duration interval, Clock clock) {
		this.queueDescription = queueDescription;
		this.interval = interval;
		this.clock = clock;
		if (sdkLogger.getFilter() == null) {
			sdkLogger.setFilter(WITHOUT_DROP_WARNINGS);
			this.filterInstalled = true;
		}
	}

	private static boolean isNotDropWarning(LogRecord record) {
		String message = record.getMessage();
		return message == null || !message.startsWith("BatchSpanProcessor dropped");
	}

	@Override
	public CompletableResultCode export(Collection<MetricData> metrics) {
		long dropped = 0;
		for (MetricData metric : metrics) {
			if (SCOPE.equals(metric.getInstrumentationScopeInfo().getName())
					&& metric.getType() == MetricDataType.LONG_SUM) {
				boolean legacy = "processedSpans".equals(metric.getName());
				if (legacy || "otel.sdk.processor.span.processed".equals(metric.getName())) {
					dropped += dropped(metric.getLongSumData().getPoints(), legacy);
				}
			}
		}
		droppedSoFar(dropped);
		return CompletableResultCode.ofSuccess();
	}

	private static long dropped(Collection<LongPointData> points, boolean legacy) {
		long total = 0;
		for (LongPointData point : points) {
			boolean dropped = legacy ? Boolean.TRUE.equals(point.getAttributes().get(LEGACY_DROPPED))
					: "queue_full".equals(point.getAttributes().get(ERROR_TYPE));
			if (dropped) {
				total += point.getValue();
			}
		}
		return total;
	}

	/** Takes the processor's cumulative drop count and warns if it grew and may warn now. */
	synchronized void droppedSoFar(long dropped) {
		long unreported = dropped - this.reportedDropped;
		if (unreported <= 0) {
			return;
		}
		long now = this.clock.millis();
		if (this.lastReportMillis != Long.MIN_VALUE && now - this.lastReportMillis < this.interval.toMillis()) {
			return;
		}
		boolean first = this.reportedDropped == 0;
		this.lastReportMillis = now;
		this.reportedDropped = dropped;
		if (first) {
			logger.warn("Tracing dropped " + unreported + " spans because the export queue was full ("
					+ this.queueDescription + "): spans ended faster than they could be exported. "
					+ "Requests are not affected. Raise tracing.batch.max-queue-size, export more often "
					+ "(tracing.batch.schedule-delay) or sample less (tracing.sampling.ratio); this warning "
					+ "repeats at most every " + this.interval.toSeconds() + "s.");
		}
		else {
			logger.warn("Tracing dropped " + unreported + " more spans because the export queue was full ("
					+ dropped + " since start-up)");
		}
	}

	@Override
	public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
		return AggregationTemporality.CUMULATIVE;
	}

	@Override
	public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
		// Only the processor's drop counter is read: every other kind of instrument is not
		// recorded for this reader at all.
		return (instrumentType == InstrumentType.COUNTER) ? Aggregation.defaultAggregation() : Aggregation.drop();
	}

	@Override
	public CompletableResultCode flush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public synchronized CompletableResultCode shutdown() {
		if (this.filterInstalled && sdkLogger.getFilter() == WITHOUT_DROP_WARNINGS) {
			sdkLogger.setFilter(null);
		}
		this.filterInstalled = false;
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "DroppedSpansReporter";
	}

}
