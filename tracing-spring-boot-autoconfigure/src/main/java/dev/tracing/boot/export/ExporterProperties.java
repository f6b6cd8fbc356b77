package dev.tracing.boot.export;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where finished spans go.
 *
 * @param type The exporter: otlp sends spans to an OpenTelemetry collector or
 * vendor, logging prints them to the console, none drops them. An OTLP
 * endpoint set anywhere (tracing.exporter.endpoint or
 * OTEL_EXPORTER_OTLP_ENDPOINT) adds OTLP export whatever the type says.
 * @param endpoint The OTLP base URL, for example http://localhost:4318 for
 * http/protobuf or http://localhost:4317 for gRPC. The OpenTelemetry default
 * applies when unset.
 * @param protocol The OTLP transport: http/protobuf or grpc. Defaults to
 * OTEL_EXPORTER_OTLP_PROTOCOL, then to http/protobuf.
 * @param headers Headers sent with every export request, for example
 * authorization: "Bearer ${API_KEY"}. Values are masked in logs.
 * @param timeout The maximum time one export request may take.
 * @param compression The OTLP payload compression: none or gzip.
 */
@ConfigurationProperties("tracing.exporter")
public record ExporterProperties(@DefaultValue("otlp") Type type, String endpoint, Protocol protocol,
		Map<String, String> headers, @DefaultValue("10s") Duration timeout,
		@DefaultValue("none") Compression compression) {

	public ExporterProperties {
		headers = (headers != null) ? Map.copyOf(headers) : Map.of();
		if (endpoint != null) {
			validateEndpoint(endpoint);
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new InvalidTracingPropertyException("tracing.exporter.timeout", timeout, "must be positive",
					"use a positive duration such as 10s");
		}
	}

	private static void validateEndpoint(String endpoint) {
		String fix = "use an absolute http or https URL such as http://localhost:4318";
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidTracingPropertyException("tracing.exporter.endpoint", endpoint,
					"not a valid URL (" + ex.getReason() + ")", fix, ex);
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new InvalidTracingPropertyException("tracing.exporter.endpoint", endpoint,
					"the scheme must be http or https", fix);
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new InvalidTracingPropertyException("tracing.exporter.endpoint", endpoint, "the URL has no host",
					fix);
		}
	}

	/** Span exporters. */
	public enum Type {

		/** OTLP to a collector or vendor. */
		OTLP("otlp"),
		/** Spans printed to the console, for development. */
		LOGGING("logging"),
		/** No export. */
		NONE("none");

		private final String otelName;

		Type(String otelName) {
			this.otelName = otelName;
		}

		/** The exporter's name in {@code otel.traces.exporter}. */
		public String otelName() {
			return this.otelName;
		}

	}

	/** OTLP transports. */
	public enum Protocol {

		/** Protobuf over HTTP, usually on port 4318. */
		HTTP_PROTOBUF("http/protobuf"),
		/** gRPC, usually on port 4317. */
		GRPC("grpc");

		private final String otelName;

		Protocol(String otelName) {
			this.otelName = otelName;
		}

		/** The protocol's name in {@code otel.exporter.otlp.protocol}. */
		public String otelName() {
			return this.otelName;
		}

	}

	/** OTLP payload compression. */
	public enum Compression {

		/** Uncompressed payloads. */
		NONE,
		/** Gzip-compressed payloads. */
		GZIP

	}

}
