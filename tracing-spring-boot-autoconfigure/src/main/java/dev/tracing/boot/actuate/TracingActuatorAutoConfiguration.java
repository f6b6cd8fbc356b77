package dev.tracing.boot.actuate;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.BatchQueueStatistics;
import dev.tracing.boot.pipeline.SpanExportStage;
import dev.tracing.boot.pipeline.TracingPipeline;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import dev.tracing.boot.viewer.TraceStore;
import dev.tracing.boot.viewer.ViewerProperties;
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
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Spring Boot Actuator support: the {@code tracing} endpoint and the {@code tracing} health
 * contributor, fed by the counting stage of the export chain and by the batch processor's
 * queue statistics.
 */
@AutoConfiguration(after = TracingPipelineAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@EnableConfigurationProperties(TracingHealthProperties.class)
public final class TracingActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExportStatistics tracingExportStatistics(BatchQueueStatistics queueStatistics) {
		return new ExportStatistics(queueStatistics);
	}

	@Bean
	@Order(SpanExportStage.COUNTING)
	@ConditionalOnMissingBean
	CountingStage countingStage(ExportStatistics statistics) {
		return new CountingStage(statistics);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(TracingEndpoint.class)
	TracingEndpoint tracingEndpoint(TracingPipeline pipeline, ObjectProvider<ConfigProperties> config,
			Environment environment, ExportStatistics statistics, ObjectProvider<TraceStore> store,
			ObjectProvider<ViewerProperties> viewer) {
		return new TracingEndpoint(pipeline, config, environment, statistics, store, viewer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	@ConditionalOnEnabledHealthIndicator("tracing")
	static class TracingHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TracingHealthIndicator tracingHealthIndicator(ExportStatistics statistics,
				TracingHealthProperties properties) {
			return new TracingHealthIndicator(statistics, properties.downOnExportFailure());
		}

	}

}
