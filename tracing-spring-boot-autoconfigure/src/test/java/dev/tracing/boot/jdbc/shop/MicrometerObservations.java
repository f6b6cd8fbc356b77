package dev.tracing.boot.jdbc.shop;

import java.util.List;

import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

import org.springframework.context.annotation.Bean;

/**
 * A Micrometer {@link ObservationRegistry} bridged onto the engine's OpenTelemetry, as an
 * application with Micrometer tracing has one. Its presence makes Spring Boot configure
 * Lettuce with {@code MicrometerTracing}; the starter must still produce exactly one span
 * per Redis command, in the request's trace. Added as a source by name, and deliberately not
 * a {@code @Configuration}, so that the shop's component scan does not pick it up.
 */
public class MicrometerObservations {

	@Bean
	ObservationRegistry observationRegistry(OpenTelemetry openTelemetry) {
		Tracer otelTracer = openTelemetry.getTracer("micrometer-bridge-test");
		OtelCurrentTraceContext current = new OtelCurrentTraceContext();
		OtelTracer tracer = new OtelTracer(otelTracer, current, (event) -> {
		}, new OtelBaggageManager(current, List.of(), List.of()));
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer,
							new OtelPropagator(openTelemetry.getPropagators(), otelTracer)),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

}
