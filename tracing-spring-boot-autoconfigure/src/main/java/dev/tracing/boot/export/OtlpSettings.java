package dev.tracing.boot.export;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/**
 * Where and how the OTLP exporter sends spans, as the SDK resolves it from
 * {@code tracing.exporter.*}, {@code otel.exporter.otlp.*} and {@code OTEL_EXPORTER_OTLP_*}:
 * the one description that the start-up line, the actuator endpoint and export failure
 * messages all show. Header values are never kept, only their names.
 *
 * @param endpoint the URL spans are sent to ({@code .../v1/traces} for http/protobuf)
 * @param protocol {@code http/protobuf} or {@code grpc}
 * @param headerNames the names of the headers sent with every export
 * @param compression {@code none} or {@code gzip}
 * @param timeoutMillis the longest one export request may take
 */
public record OtlpSettings(String endpoint, String protocol, List<String> headerNames, String compression,
		long timeoutMillis) {

	/** The effective settings, given the engine's configuration and {@code tracing.exporter.headers}. */
	static OtlpSettings of(ConfigProperties config, Map<String, String> tracingHeaders) {
		String protocol = first(config, "otel.exporter.otlp.traces.protocol", "otel.exporter.otlp.protocol");
		protocol = (protocol != null) ? protocol : "http/protobuf";
		TreeSet<String> headers = new TreeSet<>();
		config.getMap("otel.exporter.otlp.headers").keySet().forEach((name) -> headers.add(lowerCase(name)));
		config.getMap("otel.exporter.otlp.traces.headers").keySet().forEach((name) -> headers.add(lowerCase(name)));
		tracingHeaders.keySet().forEach((name) -> headers.add(lowerCase(name)));
		String compression = first(config, "otel.exporter.otlp.traces.compression", "otel.exporter.otlp.compression");
		java.time.Duration timeout = config.getDuration("otel.exporter.otlp.traces.timeout");
		if (timeout == null) {
			timeout = config.getDuration("otel.exporter.otlp.timeout");
		}
		return new OtlpSettings(endpoint(config, protocol), protocol, List.copyOf(headers),
				(compression != null) ? compression.toLowerCase(Locale.ROOT) : "none",
				(timeout != null) ? timeout.toMillis() : 10_000);
	}

	private static String endpoint(ConfigProperties config, String protocol) {
		String endpoint = config.getString("otel.exporter.otlp.traces.endpoint");
		if (endpoint != null) {
			return endpoint;
		}
		String base = config.getString("otel.exporter.otlp.endpoint");
		boolean grpc = "grpc".equals(protocol);
		if (base == null) {
			base = grpc ? "http://localhost:4317" : "http://localhost:4318";
		}
		return grpc ? base : (base.endsWith("/") ? base : base + "/") + "v1/traces";
	}

	private static String first(ConfigProperties config, String... keys) {
		for (String key : keys) {
			String value = config.getString(key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String lowerCase(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** Endpoint and protocol, as in a log line: {@code http://localhost:4318/v1/traces (http/protobuf)}. */
	public String destination() {
		return this.endpoint + " (" + this.protocol + ")";
	}

}
