package dev.tracing.boot.annotation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Traces calls of {@link Traced @Traced} methods, and of the public methods of
 * {@code @Traced} classes, through Spring AOP proxies.
 */
@Aspect
public final class TracedAspect {

	private final Tracer tracer;

	private final TracedMethods methods;

	TracedAspect(Tracer tracer, TracedMethods methods) {
		this.tracer = tracer;
		this.methods = methods;
	}

	@Around("@annotation(dev.tracing.boot.annotation.Traced) "
			+ "|| (@within(dev.tracing.boot.annotation.Traced) && execution(public * *(..)))")
	public Object trace(ProceedingJoinPoint joinPoint) throws Throwable {
		TracedMethod method = this.methods.get(joinPoint.getTarget().getClass(),
				((MethodSignature) joinPoint.getSignature()).getMethod());
		if (!method.traced()) {
			return joinPoint.proceed();
		}
		Span span = method.startSpan(this.tracer, joinPoint);
		Object result;
		try (Scope scope = span.makeCurrent()) {
			result = joinPoint.proceed();
		}
		catch (Throwable ex) {
			SpanOutcome.failed(span, ex);
			span.end();
			throw ex;
		}
		return method.endWhenDone(span, result);
	}

}
