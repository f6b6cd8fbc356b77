package dev.tracing.boot.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application wants the spans of an engine instrumentation that the starter
 * replaces with its own: {@code otel.instrumentation.<name>.enabled} as the application set
 * it (before the starter switched the engine's copy off), else
 * {@code otel.instrumentation.common.default-enabled}, else on.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnRequestedInstrumentationCondition.class)
public @interface ConditionalOnRequestedInstrumentation {

	/** The engine's name of the instrumentation, such as {@code spring-webmvc}. */
	String value();

}
