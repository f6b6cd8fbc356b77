package dev.tracing.boot.export;

import java.time.Duration;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The batch span processor between the application threads and the exporter. Spans wait
 * in a bounded queue; when it is full, new spans are dropped rather than slowing requests.
 *
 * @param maxQueueSize The maximum number of finished spans waiting for export.
 * @param maxExportBatchSize The maximum number of spans in one export request.
 * @param scheduleDelay The longest a span waits before its batch is sent.
 * @param exportTimeout The maximum time one export may take before it is abandoned.
 */
@ConfigurationProperties("tracing.batch")
public record BatchProperties(@DefaultValue("2048") int maxQueueSize, @DefaultValue("512") int maxExportBatchSize,
		@DefaultValue("5s") Duration scheduleDelay, @DefaultValue("30s") Duration exportTimeout) {

	public BatchProperties {
		if (maxQueueSize <= 0) {
			throw new InvalidTracingPropertyException("tracing.batch.max-queue-size", maxQueueSize,
					"must be positive", "use a positive number such as 2048");
		}
		if (maxExportBatchSize <= 0 || maxExportBatchSize > maxQueueSize) {
			throw new InvalidTracingPropertyException("tracing.batch.max-export-batch-size", maxExportBatchSize,
					"must be positive and at most tracing.batch.max-queue-size (" + maxQueueSize + ")",
					"use a number between 1 and " + maxQueueSize + ", such as 512");
		}
		if (scheduleDelay.isNegative()) {
			throw new InvalidTracingPropertyException("tracing.batch.schedule-delay", scheduleDelay,
					"must not be negative", "use a duration such as 5s");
		}
		if (exportTimeout.isNegative() || exportTimeout.isZero()) {
			throw new InvalidTracingPropertyException("tracing.batch.export-timeout", exportTimeout,
					"must be positive", "use a duration such as 30s");
		}
	}

}
