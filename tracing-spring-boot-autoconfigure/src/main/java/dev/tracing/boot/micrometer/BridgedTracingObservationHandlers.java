package dev.tracing.boot.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Micrometer's tracing handlers, minus the observations the engine already turns into spans
 * (see {@link ObservationsCoveredByEngine}).
 */
final class BridgedTracingObservationHandlers {

	private BridgedTracingObservationHandlers() {
	}

	/** Spans for plain observations ({@code @Observed}, your own {@code Observation}s, ...). */
	static final class Default extends DefaultTracingObservationHandler {

		Default(Tracer tracer) {
			super(tracer);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return !ObservationsCoveredByEngine.covers(context) && super.supportsContext(context);
		}

	}

	/** PRODUCER/CLIENT spans that inject the trace context into outgoing messages. */
	static final class Sender extends PropagatingSenderTracingObservationHandler<io.micrometer.observation.transport.SenderContext<?>> {

		Sender(Tracer tracer, Propagator propagator) {
			super(tracer, propagator);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return !ObservationsCoveredByEngine.covers(context) && super.supportsContext(context);
		}

	}

	/** CONSUMER/SERVER spans that continue the trace carried by incoming messages. */
	static final class Receiver extends PropagatingReceiverTracingObservationHandler<io.micrometer.observation.transport.ReceiverContext<?>> {

		Receiver(Tracer tracer, Propagator propagator) {
			super(tracer, propagator);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return !ObservationsCoveredByEngine.covers(context) && super.supportsContext(context);
		}

	}

}
