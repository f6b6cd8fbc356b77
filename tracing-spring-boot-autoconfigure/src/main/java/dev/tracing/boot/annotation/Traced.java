package dev.tracing.boot.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.opentelemetry.api.trace.SpanKind;

import org.springframework.core.annotation.AliasFor;

/**
 * Wraps each call of a Spring bean method in a span: on a method, that method; on a class,
 * every public method the class declares. The span is named {@code ClassName.method} unless
 * {@link #name()} says otherwise, is a child of the span current at the call, and is current
 * while the method runs, so spans started inside (SQL, HTTP calls, nested {@code @Traced}
 * methods) become its children. An exception marks the span as failed, is recorded on it and
 * is rethrown unchanged. A {@code CompletionStage}, {@code Mono} or {@code Flux} result ends
 * the span when it completes, not when the method returns.
 * <p>
 * Calls go through the bean's proxy: a method called on {@code this} from the same object
 * is not traced.
 *
 * @see TracedAttribute
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Traced {

	/**
	 * Alias for {@link #name()}.
	 * @return the span name
	 */
	@AliasFor("name")
	String value() default "";

	/**
	 * The span name. Defaults to {@code ClassName.method}. On a class, a name replaces the
	 * class name: {@code @Traced("billing")} gives {@code billing.charge}.
	 * @return the span name
	 */
	@AliasFor("value")
	String name() default "";

	/**
	 * The span kind. {@code INTERNAL} unless the method is the application's side of a
	 * remote call that no instrumentation covers.
	 * @return the span kind
	 */
	SpanKind kind() default SpanKind.INTERNAL;

}
