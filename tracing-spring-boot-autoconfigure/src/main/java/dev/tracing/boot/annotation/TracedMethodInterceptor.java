package dev.tracing.boot.annotation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;

/**
 * Traces calls of {@link Traced @Traced} methods, and of the public methods of
 * {@code @Traced} classes, that reach it through a Spring AOP proxy.
 */
public final class TracedMethodInterceptor implements MethodInterceptor {

	private final Tracer tracer;

	private final TracedMethods methods;

	TracedMethodInterceptor(Tracer tracer, TracedMethods methods) {
		this.tracer = tracer;
		this.methods = methods;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : invocation.getMethod().getDeclaringClass();
		TracedMethod method = this.methods.get(targetClass, invocation.getMethod());
		if (!method.traced()) {
			return invocation.proceed();
		}
		Span span = method.startSpan(this.tracer, invocation.getArguments());
		Object result;
		try (Scope scope = span.makeCurrent()) {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			SpanOutcome.failed(span, ex);
			span.end();
			throw ex;
		}
		return method.endWhenDone(span, result);
	}

}
