package dev.tracing.boot.actuate;

import java.util.Collection;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * Reads the batch span processor's own metrics from the SDK's meter provider, on demand: the
 * number of spans dropped because the queue was full, and the queue's depth. The processor
 * offers no other way to see either. Both generations of the SDK's internal telemetry are
 * understood: the default ({@code processedSpans} with {@code dropped=true},
 * {@code queueSize}) and the semantic-convention one selected by
 * {@code otel.experimental.sdk.telemetry.version=latest}
 * ({@code otel.sdk.processor.span.processed} with {@code error.type=queue_full},
 * {@code otel.sdk.processor.span.queue.size}).
 * <p>
 * Registering a reader makes the meter provider record its instruments, also when metric
 * export is off. To keep that cheap, this reader drops every kind of instrument the batch
 * processor does not use (histograms, gauges, up-down counters), and it is collected only
 * when the endpoint or the health contributor asks.
 */
final class SpanProcessorMetricsReader implements MetricReader {

	private static final String SCOPE = "io.opentelemetry.sdk.trace";

	private static final AttributeKey<Boolean> LEGACY_DROPPED = AttributeKey.booleanKey("dropped");

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

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
			case COUNTER, OBSERVABLE_GAUGE, OBSERVABLE_UP_DOWN_COUNTER -> Aggregation.defaultAggregation();
			default -> Aggregation.drop();
		};
	}

	/** The current counts; both {@code null} when the SDK never registered this reader. */
	synchronized Reading read() {
		CollectionRegistration registration = this.registration;
		if (registration == null) {
			return new Reading(null, null);
		}
		long dropped = 0;
		long queued = 0;
		Collection<MetricData> metrics = registration.collectAllMetrics();
		for (MetricData metric : metrics) {
			if (!SCOPE.equals(metric.getInstrumentationScopeInfo().getName())) {
				continue;
			}
			switch (metric.getName()) {
				case "processedSpans" -> dropped += sum(metric, true);
				case "otel.sdk.processor.span.processed" -> dropped += sum(metric, false);
				case "queueSize", "otel.sdk.processor.span.queue.size" -> queued += sum(metric, null);
				default -> {
				}
			}
		}
		return new Reading(dropped, queued);
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

	@Override
	public CompletableResultCode forceFlush() {
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public CompletableResultCode shutdown() {
		this.registration = null;
		return CompletableResultCode.ofSuccess();
	}

	@Override
	public String toString() {
		return "SpanProcessorMetricsReader";
	}

	/**
	 * @param droppedSpans spans dropped because the queue was full
	 * @param queueDepth spans waiting in the queue
	 */
	record Reading(Long droppedSpans, Long queueDepth) {
	}

}
