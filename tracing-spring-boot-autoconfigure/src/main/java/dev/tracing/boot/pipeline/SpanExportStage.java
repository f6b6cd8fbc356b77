package dev.tracing.boot.pipeline;

import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * One step of the export chain, between the batch processor and the destinations (OTLP, the
 * viewer, your {@code SpanExporter} beans). Stages run on the exporter's thread, in order,
 * each handing the batch to the next: what a stage changes, every later stage and every
 * destination sees.
 * <p>
 * Declare a bean of this type to add a stage; order it with {@code @Order} among the
 * built-in ones, whose positions are the constants below. A stage without an order runs
 * last, nearest the destinations.
 */
@FunctionalInterface
public interface SpanExportStage {

	/** Adds what only the finished span shows, such as the slow-statement flag. */
	int ENRICHMENT = 100;

	/** Masks personal data and secrets. Everything after it sees masked spans only. */
	int MASKING = 200;

	/** Reports failed exports readably, once and then rate-limited. */
	int FAILURE_REPORTING = 300;

	/** Counts exported, failed and dropped spans for the actuator endpoint. */
	int COUNTING = 400;

	/**
	 * Returns the exporter that does this stage's work and hands the spans on.
	 * @param next the rest of the chain
	 * @return this stage in front of {@code next}
	 */
	SpanExporter around(SpanExporter next);

}
