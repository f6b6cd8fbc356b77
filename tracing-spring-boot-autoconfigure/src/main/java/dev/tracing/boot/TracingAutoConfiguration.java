package dev.tracing.boot;

import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The core of the starter: the resource that names the service and the start-up report.
 * The {@code tracing.*} to {@code otel.*} mapping happens earlier, in
 * {@link dev.tracing.boot.engine.EngineSettingsEnvironmentPostProcessor}, because the
 * engine reads some of it in its conditions.
 */
@AutoConfiguration(before = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(TracingProperties.class)
public final class TracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kubernetesResourceProvider")
	ResourceProvider kubernetesResourceProvider(TracingProperties properties, Environment environment) {
		return new KubernetesResourceProvider(properties.kubernetes(), environment);
	}

	@Bean
	static TracingStartupReport tracingStartupReport(ObjectProvider<ConfigProperties> config,
			ObjectProvider<AutoConfiguredOpenTelemetrySdk> sdk, Environment environment) {
		Set<String> exporterHeaderNames = Binder.get(environment)
			.bind("tracing.exporter.headers", Bindable.mapOf(String.class, String.class))
			.map(Map::keySet)
			.orElse(Set.of());
		return new TracingStartupReport(config, sdk, environment, exporterHeaderNames);
	}

}
