package dev.tracing.boot;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertyResolver;

/**
 * {@code tracing.*} top-level settings for the engine: the resource that names the service,
 * the signals other than traces (off unless switched on), and the log pattern that prints
 * the trace and span ids.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class CoreEngineSettings implements EngineSettingsContributor {

	@Override
	public void contribute(EngineSettings settings) {
		TracingProperties tracing = settings.bind("tracing", TracingProperties.class);
		resource(tracing, settings);
		signals(tracing, settings);
		logCorrelation(settings.environment(), settings);
	}

	private static void resource(TracingProperties tracing, EngineSettings settings) {
		settings.put("otel.service.name", tracing.serviceName());
		tracing.resourceAttributes().forEach((key, value) -> settings.put(resourceAttribute(key), value));
		settings.put(resourceAttribute("service.version"), tracing.serviceVersion());
		settings.put(resourceAttribute("deployment.environment.name"), tracing.environment());
	}

	private static String resourceAttribute(String key) {
		return "otel.resource.attributes[" + key + "]";
	}

	private static void signals(TracingProperties tracing, EngineSettings settings) {
		if (!tracing.metrics().enabled()) {
			settings.put("otel.metrics.exporter", "none");
			settings.put("otel.instrumentation.runtime-telemetry.enabled", "false");
		}
		if (!tracing.logs().enabled()) {
			settings.put("otel.logs.exporter", "none");
			settings.put("otel.instrumentation.logback-appender.enabled", "false");
			settings.put("otel.instrumentation.log4j-appender.enabled", "false");
		}
	}

	private static void logCorrelation(PropertyResolver environment, EngineSettings settings) {
		// The engine's Logback MDC appender adds the ids to every event logged while a span is
		// current; Spring Boot's console and file patterns print them through this pattern.
		boolean enabledByDefault = environment.getProperty("otel.instrumentation.common.default-enabled",
				Boolean.class, true);
		if (environment.getProperty("otel.instrumentation.logback-mdc.enabled", Boolean.class, enabledByDefault)) {
			String traceId = environment.getProperty("otel.instrumentation.common.logging.trace-id-key", "trace_id");
			String spanId = environment.getProperty("otel.instrumentation.common.logging.span-id-key", "span_id");
			settings.put("logging.pattern.correlation", "%correlationId{" + traceId + "(32)," + spanId + "(16)}");
		}
	}

}
