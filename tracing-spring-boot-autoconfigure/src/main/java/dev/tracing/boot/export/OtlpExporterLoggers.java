package dev.tracing.boot.export;

import java.util.List;

/**
 * The one use of names that are not public API: the loggers of the OTLP exporters' internal
 * classes, which log a stack trace for every failed batch. No public setting turns that
 * off; the starter silences these loggers and reports failures itself
 * ({@link ExportFailureReporter}: one WARN, then at most one a minute). If an upgrade of the
 * OpenTelemetry SDK renames these classes, {@code OtlpExporterLoggersTests} fails and names
 * them.
 */
final class OtlpExporterLoggers {

	static final List<String> NAMES = List.of("io.opentelemetry.exporter.otlp.internal.HttpExporter",
			"io.opentelemetry.exporter.otlp.internal.GrpcExporter");

	private OtlpExporterLoggers() {
	}

}
