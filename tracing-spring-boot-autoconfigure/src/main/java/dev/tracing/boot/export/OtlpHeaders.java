package dev.tracing.boot.export;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Adds {@code tracing.exporter.headers} to the engine's OTLP span exporter. A header that
 * {@code OTEL_EXPORTER_OTLP_HEADERS} (or its traces-specific variant) already sets is left
 * as the standard variable says.
 */
final class OtlpHeaders {

	private final Map<String, String> headers;

	OtlpHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	SpanExporter apply(SpanExporter exporter, ConfigProperties config) {
		Map<String, String> missing = missingHeaders(config);
		if (missing.isEmpty()) {
			return exporter;
		}
		if (exporter instanceof OtlpHttpSpanExporter http) {
			OtlpHttpSpanExporterBuilder builder = http.toBuilder();
			missing.forEach(builder::addHeader);
			http.shutdown();
			return builder.build();
		}
		if (exporter instanceof OtlpGrpcSpanExporter grpc) {
			OtlpGrpcSpanExporterBuilder builder = grpc.toBuilder();
			missing.forEach(builder::addHeader);
			grpc.shutdown();
			return builder.build();
		}
		return exporter;
	}

	private Map<String, String> missingHeaders(ConfigProperties config) {
		Set<String> standard = lowerCaseKeys(config.getMap("otel.exporter.otlp.headers"));
		standard.addAll(lowerCaseKeys(config.getMap("otel.exporter.otlp.traces.headers")));
		return this.headers.entrySet()
			.stream()
			.filter((header) -> !standard.contains(header.getKey().toLowerCase(Locale.ROOT)))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static Set<String> lowerCaseKeys(Map<String, String> map) {
		return map.keySet().stream().map((key) -> key.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

}
