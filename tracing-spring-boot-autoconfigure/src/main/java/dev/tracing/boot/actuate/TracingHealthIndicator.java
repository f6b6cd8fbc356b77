package dev.tracing.boot.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports span export as a health component named {@code tracing}. It is UP, with the
 * export counts as details, unless {@code tracing.health.down-on-export-failure=true} and the
 * most recent export failed.
 */
final class TracingHealthIndicator extends AbstractHealthIndicator {

	private final ExportStatistics statistics;

	private final boolean downOnExportFailure;

	TracingHealthIndicator(ExportStatistics statistics, boolean downOnExportFailure) {
		super("Tracing health check failed");
		this.statistics = statistics;
		this.downOnExportFailure = downOnExportFailure;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ExportStatistics.Snapshot snapshot = this.statistics.snapshot();
		if (this.downOnExportFailure && snapshot.failing()) {
			builder.down();
		}
		else {
			builder.up();
		}
		builder.withDetail("exporting", !snapshot.failing());
		builder.withDetails(TracingEndpoint.describe(snapshot));
	}

}
