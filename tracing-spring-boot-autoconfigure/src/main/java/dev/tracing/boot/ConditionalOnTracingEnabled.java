package dev.tracing.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless tracing is switched off by {@code tracing.enabled=false} or
 * {@code otel.sdk.disabled=true} ({@code OTEL_SDK_DISABLED}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnTracingEnabledCondition.class)
public @interface ConditionalOnTracingEnabled {

}
