package dev.tracing.boot.actuate;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.viewer.TraceStore;
import dev.tracing.boot.viewer.TraceStoreExporter;
import dev.tracing.boot.viewer.ViewerProperties;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Boot Actuator support: the {@code tracing} endpoint and the {@code tracing} health
 * contributor, fed by counting wrappers around the span exporters and by the batch
 * processor's own metrics.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@EnableConfigurationProperties(TracingHealthProperties.class)
public final class TracingActuatorAutoConfiguration {

	/**
	 * Position among the SDK customizers: after the OTLP customizer (0), which must see the
	 * raw OTLP exporter to add headers, and before exporter wrappers such as redaction, so
	 * that the viewer's exporter is still recognisable and left uncounted.
	 */
	static final int STATISTICS_ORDER = 10;

	@Bean
	@ConditionalOnMissingBean
	ExportStatistics tracingExportStatistics() {
		return new ExportStatistics();
	}

	@Bean
	@ConditionalOnMissingBean(name = "exportStatisticsCustomizer")
	AutoConfigurationCustomizerProvider exportStatisticsCustomizer(ExportStatistics statistics) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				customizer.addSpanExporterCustomizer((exporter, config) -> (exporter instanceof TraceStoreExporter)
						? exporter : statistics.count(exporter));
				customizer.addMeterProviderCustomizer(
						(builder, config) -> builder.registerMetricReader(statistics.processorMetrics()));
			}

			@Override
			public int order() {
				return STATISTICS_ORDER;
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(TracingEndpoint.class)
	TracingEndpoint tracingEndpoint(ObjectProvider<ConfigProperties> config,
			ObjectProvider<AutoConfiguredOpenTelemetrySdk> sdk, Environment environment, ExportStatistics statistics,
			ObjectProvider<TraceStore> store, ObjectProvider<ViewerProperties> viewer) {
		return new TracingEndpoint(config, sdk, environment, statistics, store, viewer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("tracing")
	static class TracingHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "tracingHealthIndicator")
		TracingHealthIndicator tracingHealthIndicator(ExportStatistics statistics,
				TracingHealthProperties properties) {
			return new TracingHealthIndicator(statistics, properties.downOnExportFailure());
		}

	}

}
