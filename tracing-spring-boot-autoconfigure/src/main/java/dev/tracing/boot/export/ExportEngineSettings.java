package dev.tracing.boot.export;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertyResolver;

/**
 * {@code tracing.exporter.*} and {@code tracing.batch.*} for the engine. The starter builds
 * the batch processor and the exporters itself, from these same keys, so the engine is told
 * to build no exporter of its own ({@code otel.traces.exporter=none}, an override); which
 * exporters the application asks for stays readable through
 * {@link EngineSettings#requested}.
 */
@Order(100)
final class ExportEngineSettings implements EngineSettingsContributor {

	/** The engine's key for the span exporters. */
	static final String TRACES_EXPORTER = "otel.traces.exporter";

	@Override
	public void contribute(EngineSettings settings) {
		ExporterProperties exporter = settings.bind("tracing.exporter", ExporterProperties.class);
		BatchProperties batch = settings.bind("tracing.batch", BatchProperties.class);
		PropertyResolver environment = settings.environment();
		settings.put(TRACES_EXPORTER, String.join(",", exporters(exporter, environment)));
		settings.force(TRACES_EXPORTER, "none");
		settings.put("otel.exporter.otlp.endpoint", exporter.endpoint());
		if (exporter.protocol() != null && !environment.containsProperty("otel.exporter.otlp.protocol")) {
			// The engine answers the generic key with a hard-coded default, so only the
			// traces-specific key lets an unset protocol fall through to ours.
			settings.put("otel.exporter.otlp.traces.protocol", exporter.protocol().otelName());
		}
		settings.put("otel.exporter.otlp.timeout", Long.toString(exporter.timeout().toMillis()));
		settings.put("otel.exporter.otlp.compression", exporter.compression().name().toLowerCase(Locale.ROOT));
		OtlpExporterLoggers.NAMES.forEach((logger) -> settings.put("logging.level." + logger, "OFF"));
		// The batch processor warns after every export that follows a drop; DroppedSpansReporter
		// reports drops instead, and the export chain never lets an exporter throw.
		settings.put("logging.level.io.opentelemetry.sdk.trace.export.BatchSpanProcessor", "ERROR");
		settings.put("otel.bsp.max.queue.size", Integer.toString(batch.maxQueueSize()));
		settings.put("otel.bsp.max.export.batch.size", Integer.toString(batch.maxExportBatchSize()));
		settings.put("otel.bsp.schedule.delay", Long.toString(batch.scheduleDelay().toMillis()));
		settings.put("otel.bsp.export.timeout", Long.toString(batch.exportTimeout().toMillis()));
	}

	private static Set<String> exporters(ExporterProperties exporter, PropertyResolver environment) {
		Set<String> exporters = new LinkedHashSet<>();
		if (exporter.type() != ExporterProperties.Type.NONE) {
			exporters.add(exporter.type().otelName());
		}
		if (exporter.endpoint() != null || environment.containsProperty("otel.exporter.otlp.endpoint")
				|| environment.containsProperty("otel.exporter.otlp.traces.endpoint")) {
			exporters.add(ExporterProperties.Type.OTLP.otelName());
		}
		if (exporters.isEmpty()) {
			exporters.add("none");
		}
		return exporters;
	}

}
