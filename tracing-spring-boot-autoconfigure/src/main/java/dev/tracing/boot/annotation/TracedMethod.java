package dev.tracing.boot.annotation;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.semconv.CodeAttributes;

import org.springframework.util.ObjectUtils;

/**
 * What the interceptor needs to trace one method, worked out on its first call: the span's name
 * and kind, its constant attributes, which arguments become attributes, and when the span
 * ends.
 */
final class TracedMethod {

	/** A method that runs without a span of ours. */
	static final TracedMethod UNTRACED = new TracedMethod(null, SpanKind.INTERNAL, null, List.of(), Result.SYNCHRONOUS);

	private final String spanName;

	private final SpanKind kind;

	private final String functionName;

	private final ParameterAttribute[] parameters;

	private final Result result;

	TracedMethod(String spanName, SpanKind kind, String functionName, List<ParameterAttribute> parameters,
			Result result) {
		this.spanName = spanName;
		this.kind = kind;
		this.functionName = functionName;
		this.parameters = parameters.toArray(ParameterAttribute[]::new);
		this.result = result;
	}

	boolean traced() {
		return this.spanName != null;
	}

	Span startSpan(Tracer tracer, Object[] args) {
		SpanBuilder builder = tracer.spanBuilder(this.spanName).setSpanKind(this.kind);
		if (this.functionName != null) {
			builder.setAttribute(CodeAttributes.CODE_FUNCTION_NAME, this.functionName);
		}
		if (this.parameters.length > 0) {
			for (ParameterAttribute parameter : this.parameters) {
				parameter.addTo(builder, args);
			}
		}
		return builder.startSpan();
	}

	/** Ends the span now, or arranges for it to end when the returned work completes. */
	Object endWhenDone(Span span, Object value) {
		if (value == null || this.result == Result.SYNCHRONOUS) {
			span.end();
			return value;
		}
		if (this.result == Result.COMPLETION_STAGE) {
			((CompletionStage<?>) value).whenComplete((ignored, ex) -> SpanOutcome.completed(span, ex));
			return value;
		}
		return ReactorResults.endOnTermination(value, span);
	}

	/** When the span of a call ends. */
	enum Result {

		/** When the method returns or throws. */
		SYNCHRONOUS,

		/** When the returned {@code CompletionStage} completes. */
		COMPLETION_STAGE,

		/** When the returned {@code Mono} or {@code Flux} terminates or is cancelled. */
		REACTIVE

	}

	/** One argument recorded as a span attribute, with the attribute type fixed from the parameter type. */
	record ParameterAttribute(int index, AttributeKey<?> key) {

		static ParameterAttribute of(int index, String name, Class<?> type) {
			return new ParameterAttribute(index, keyFor(name, type));
		}

		private static AttributeKey<?> keyFor(String name, Class<?> type) {
			if (type == boolean.class || type == Boolean.class) {
				return AttributeKey.booleanKey(name);
			}
			if (type == long.class || type == int.class || type == short.class || type == byte.class
					|| type == Long.class || type == Integer.class || type == Short.class || type == Byte.class) {
				return AttributeKey.longKey(name);
			}
			if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
				return AttributeKey.doubleKey(name);
			}
			return AttributeKey.stringKey(name);
		}

		@SuppressWarnings("unchecked")
		void addTo(SpanBuilder builder, Object[] args) {
			Object value = args[this.index];
			if (value == null) {
				return;
			}
			switch (this.key.getType()) {
				case BOOLEAN -> builder.setAttribute((AttributeKey<Boolean>) this.key, (Boolean) value);
				case LONG -> builder.setAttribute((AttributeKey<Long>) this.key, ((Number) value).longValue());
				case DOUBLE -> builder.setAttribute((AttributeKey<Double>) this.key, ((Number) value).doubleValue());
				default -> builder.setAttribute((AttributeKey<String>) this.key, ObjectUtils.nullSafeToString(value));
			}
		}

	}

}
