package dev.tracing.boot;

import dev.tracing.boot.pipeline.TracingPipeline;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The core of the starter: the Kubernetes resource attributes and the start-up report. The
 * {@code tracing.*} to {@code otel.*} mapping happens earlier, in
 * {@link dev.tracing.boot.engine.EngineSettingsEnvironmentPostProcessor}, because the
 * engine reads some of it in its conditions; the pipeline is assembled in
 * {@link dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration}.
 */
@AutoConfiguration(before = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(TracingProperties.class)
public final class TracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KubernetesResourceProvider kubernetesResourceProvider(TracingProperties properties, Environment environment) {
		return new KubernetesResourceProvider(properties.kubernetes(), environment);
	}

	@Bean
	static TracingStartupReport tracingStartupReport(ObjectProvider<TracingPipeline> pipeline) {
		return new TracingStartupReport(pipeline);
	}

}
