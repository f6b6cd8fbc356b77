package dev.tracing.boot.actuate;

import dev.tracing.boot.pipeline.SpanExportStage;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The counting stage of the export chain: what reaches the destinations, and whether they
 * took it, for the {@code tracing} actuator endpoint and health contributor.
 */
public final class CountingStage implements SpanExportStage {

	private final ExportStatistics statistics;

	CountingStage(ExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public SpanExporter around(SpanExporter next) {
		return this.statistics.count(next);
	}

	@Override
	public String toString() {
		return "counting";
	}

}
