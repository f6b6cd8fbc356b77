package dev.tracing.boot.micrometer;

import java.util.List;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationHandlerGroup;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Joins Micrometer-instrumented libraries (Spring AMQP, {@code @Observed}, ...) to
 * the engine's OpenTelemetry SDK: a Micrometer {@link Tracer} over the engine's
 * {@link OpenTelemetry}, and the tracing observation handlers registered on Spring Boot's
 * {@link ObservationRegistry}. Their spans share the request's trace, sampler and exporter.
 * Observations of work the engine already traces produce no second span.
 */
@AutoConfiguration(after = OpenTelemetryAutoConfiguration.class, before = ObservationAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass({ OtelTracer.class, ObservationRegistry.class, ObservationHandlerGroup.class })
@ConditionalOnBean(OpenTelemetry.class)
public final class MicrometerBridgeAutoConfiguration {

	/** Instrumentation scope of the spans that Micrometer observations create. */
	static final String INSTRUMENTATION_SCOPE = "dev.tracing.micrometer-bridge";

	@Bean
	@ConditionalOnMissingBean
	OtelCurrentTraceContext otelCurrentTraceContext() {
		return new OtelCurrentTraceContext();
	}

	@Bean
	@ConditionalOnMissingBean(Tracer.class)
	OtelTracer micrometerTracer(OpenTelemetry openTelemetry, OtelCurrentTraceContext currentTraceContext) {
		return new OtelTracer(openTelemetry.getTracer(INSTRUMENTATION_SCOPE), currentTraceContext, (event) -> {
		}, new OtelBaggageManager(currentTraceContext, List.of(), List.of()));
	}

	@Bean
	@ConditionalOnMissingBean(Propagator.class)
	OtelPropagator micrometerPropagator(OpenTelemetry openTelemetry) {
		return new OtelPropagator(openTelemetry.getPropagators(), openTelemetry.getTracer(INSTRUMENTATION_SCOPE));
	}

	@Bean
	@Order(100)
	@ConditionalOnMissingBean(BridgedTracingObservationHandlers.Sender.class)
	BridgedTracingObservationHandlers.Sender senderTracingObservationHandler(Tracer tracer, Propagator propagator) {
		return new BridgedTracingObservationHandlers.Sender(tracer, propagator);
	}

	@Bean
	@Order(200)
	@ConditionalOnMissingBean(BridgedTracingObservationHandlers.Receiver.class)
	BridgedTracingObservationHandlers.Receiver receiverTracingObservationHandler(Tracer tracer,
			Propagator propagator) {
		return new BridgedTracingObservationHandlers.Receiver(tracer, propagator);
	}

	@Bean
	@Order(300)
	@ConditionalOnMissingBean(BridgedTracingObservationHandlers.Default.class)
	BridgedTracingObservationHandlers.Default defaultTracingObservationHandler(Tracer tracer) {
		return new BridgedTracingObservationHandlers.Default(tracer);
	}

	/**
	 * Tracing handlers are alternatives, not a chain: the first that supports an observation
	 * handles it, so a message send gets one PRODUCER span, not a PRODUCER and a plain one.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "tracingObservationHandlerGroup")
	ObservationHandlerGroup tracingObservationHandlerGroup() {
		return ObservationHandlerGroup.of(TracingObservationHandler.class);
	}

}
