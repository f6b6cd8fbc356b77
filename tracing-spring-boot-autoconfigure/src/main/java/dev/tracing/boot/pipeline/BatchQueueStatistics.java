package dev.tracing.boot.pipeline;

import java.util.Collection;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * What the batch span processor does with its queue: the spans it dropped because the queue
 * was full, and how many wait in it. The processor offers no other way to see either than
 * its own metrics, so the starter builds it with a meter provider of its own, which only
 * this reader reads, on demand: the application's meter provider stays untouched, and
 * nothing is recorded on the request path. Both generations of the SDK's processor metrics
 * are understood: the default ({@code processedSpans} with {@code dropped=true},
 * {@code queueSize}) and the semantic-convention one selected by
 * {@code otel.experimental.sdk.telemetry.version=latest}
 * ({@code otel.sdk.processor.span.processed} with {@code error.type=queue_full},
 * {@code otel.sdk.processor.span.queue.size}).
 */
public final class BatchQueueStatistics {

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final Reader reader = new Reader();

	private final SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(this.reader).build();

	/** The meter provider to give the batch span processor. */
	public MeterProvider meterProvider() {
		return this.meterProvider;
	}

	/** The current counts; both {@code null} before the processor exists. */
	public synchronized Reading read() {
		CollectionRegistration registration = this.reader.registration;
		if (registration == null) {
			return new Reading(null, null);
		}
		Long dropped = null;
		Long queued = null;
		for (MetricData metric : registration.collectAllMetrics()) {
			switch (metric.getName()) {
				case "processedSpans" -> dropped = add(dropped, sum(metric, true));
				case "otel.sdk.processor.span.processed" -> dropped = add(dropped, sum(metric, false));
				case "queueSize", "otel.sdk.processor.span.queue.size" -> queued = add(queued, sum(metric, null));
				default -> {
				}
			}
		}
		return new Reading((dropped != null) ? dropped : 0L, queued);
	}

	private static Long add(Long total, long value) {
		return (total != null) ? total + value : value;
	}

	/**
	 * Sums the points of a long metric: all of them ({@code legacy == null}), those marked
	 * {@code dropped=true} (legacy) or those with {@code error.type=queue_full}.
	 */
	private static long sum(MetricData metric, Boolean legacy) {
		Collection<LongPointData> points;
		if (metric.getType() == MetricDataType.LONG_SUM) {
			points = metric.getLongSumData().getPoints();
		}
		else if (metric.getType() == MetricDataType.LONG_GAUGE) {
			points = metric.getLongGaugeData().getPoints();
		}
		else {
			return 0;
		}
		long total = 0;
		for (LongPointData point : points) {
			boolean counted = (legacy == null)
					|| (legacy ? Boolean.TRUE.equals(point.getAttributes().get(LEGACY_DROPPED))
							: "queue_full".equals(point.getAttributes().get(ERROR_TYPE)));
			if (counted) {
				total += point.getValue();
			}
		}
		return total;
	}

	void shutdown() {
		this.meterProvider.shutdown();
	}

	@Override
	public String toString() {
		return "BatchQueueStatistics";
	}

	/**
	 * @param droppedSpans spans dropped because the queue was full, or {@code null} when
	 * unknown
	 * @param queueDepth spans waiting in the queue, or {@code null} when unknown
	 */
	public record Reading(Long droppedSpans, Long queueDepth) {
	}

	private static final class Reader implements MetricReader {

		private volatile CollectionRegistration registration;

		@Override
		public void register(CollectionRegistration registration) {
			this.registration = registration;
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
			return switch (instrumentType) {
				case COUNTER, OBSERVABLE_GAUGE, OBSERVABLE_UP_DOWN_COUNTER, UP_DOWN_COUNTER -> Aggregation
					.defaultAggregation();
				default -> Aggregation.drop();
			};
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			this.registration = null;
			return CompletableResultCode.ofSuccess();
		}

	}

}
