package dev.tracing.boot.export;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * OTLP export: the endpoint, protocol, timeout, compression and batch settings reach the
 * engine as {@code otel.*} properties; this configuration adds what properties cannot
 * express: export headers from {@code tracing.exporter.headers}, readable reporting of
 * failed exports, and of spans dropped because the batch queue was full.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@ConditionalOnClass(OtlpHttpSpanExporter.class)
@EnableConfigurationProperties({ ExporterProperties.class, BatchProperties.class })
public final class ExportAutoConfiguration {

	private static final int DEFAULT_MAX_QUEUE_SIZE = 2048;

	@Bean
	@ConditionalOnMissingBean(name = "otlpExportCustomizer")
	AutoConfigurationCustomizerProvider otlpExportCustomizer(ExporterProperties properties) {
		OtlpHeaders headers = new OtlpHeaders(properties.headers());
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				customizer.addSpanExporterCustomizer((exporter, config) -> {
					if (!isOtlp(exporter)) {
						return exporter;
					}
					return new ExportFailureReporter(headers.apply(exporter, config), OtlpEndpoint.describe(config));
				});
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "droppedSpansReporterCustomizer")
	AutoConfigurationCustomizerProvider droppedSpansReporterCustomizer() {
		return (customizer) -> customizer.addTracerProviderCustomizer((builder, config) -> builder
			.addSpanProcessor(new DroppedSpansReporter("tracing.batch.max-queue-size="
					+ config.getInt("otel.bsp.max.queue.size", DEFAULT_MAX_QUEUE_SIZE))));
	}

	private static boolean isOtlp(Object exporter) {
		return exporter.getClass().getName().startsWith("io.opentelemetry.exporter.otlp.");
	}

	/** The effective OTLP traces endpoint, as the SDK resolves it. */
	static final class OtlpEndpoint {

		private OtlpEndpoint() {
		}

		static String describe(ConfigProperties config) {
			String protocol = protocol(config);
			String endpoint = config.getString("otel.exporter.otlp.traces.endpoint");
			if (endpoint != null) {
				return endpoint + " (" + protocol + ")";
			}
			String base = config.getString("otel.exporter.otlp.endpoint");
			if (base == null) {
				base = "grpc".equals(protocol) ? "http://localhost:4317" : "http://localhost:4318";
			}
			if (!"grpc".equals(protocol)) {
				base = (base.endsWith("/") ? base : base + "/") + "v1/traces";
			}
			return base + " (" + protocol + ")";
		}

		static String protocol(ConfigProperties config) {
			String protocol = config.getString("otel.exporter.otlp.traces.protocol");
			if (protocol == null) {
				protocol = config.getString("otel.exporter.otlp.protocol");
			}
			return (protocol != null) ? protocol : "http/protobuf";
		}

	}

}
