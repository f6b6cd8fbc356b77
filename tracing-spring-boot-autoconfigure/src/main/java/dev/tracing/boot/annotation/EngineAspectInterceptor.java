package dev.tracing.boot.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

import io.opentelemetry.api.OpenTelemetry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.aspectj.lang.ProceedingJoinPoint;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.aspectj.MethodInvocationProceedingJoinPoint;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runs one of the engine's own aspects around a method call that reaches it through a Spring
 * AOP proxy, so that the span is exactly the engine's (name, kind, attributes, asynchronous
 * results, instrumentation scope).
 */
public final class EngineAspectInterceptor implements MethodInterceptor {

	private static final String ENGINE_PACKAGE = "io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.";

	static final String WITH_SPAN_ASPECT = ENGINE_PACKAGE + "annotations.InstrumentationWithSpanAspect";

	static final String SCHEDULING_ASPECT = ENGINE_PACKAGE + "scheduling.SpringSchedulingInstrumentationAspect";

	private final Advice advice;

	private EngineAspectInterceptor(Advice advice) {
		this.advice = advice;
	}

	/** The engine's {@code @WithSpan} aspect. */
	static EngineAspectInterceptor withSpan(OpenTelemetry openTelemetry) {
		return create(WITH_SPAN_ASPECT, "traceMethod", "otel.instrumentation.annotations.enabled",
				new Class<?>[] { OpenTelemetry.class, ParameterNameDiscoverer.class }, openTelemetry,
				new DefaultParameterNameDiscoverer());
	}

	/** The engine's {@code @Scheduled} aspect: one span per run. */
	static EngineAspectInterceptor scheduled(OpenTelemetry openTelemetry) {
		return create(SCHEDULING_ASPECT, "execution", "otel.instrumentation.spring-scheduling.enabled",
				new Class<?>[] { OpenTelemetry.class }, openTelemetry);
	}

	/**
	 * Creates an engine aspect and binds its around advice. The engine keeps its aspect classes
	 * package-private, hence the reflection.
	 */
	private static EngineAspectInterceptor create(String aspectClass, String adviceMethod, String switchProperty,
			Class<?>[] parameterTypes, Object... arguments) {
		try {
			Class<?> type = ClassUtils.forName(aspectClass, EngineAspectInterceptor.class.getClassLoader());
			Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
			ReflectionUtils.makeAccessible(constructor);
			Object aspect = constructor.newInstance(arguments);
			Method advice = type.getMethod(adviceMethod, ProceedingJoinPoint.class);
			ReflectionUtils.makeAccessible(advice);
			MethodHandle handle = MethodHandles.lookup().unreflect(advice).bindTo(aspect);
			return new EngineAspectInterceptor((joinPoint) -> handle.invoke(joinPoint));
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("Could not create the OpenTelemetry engine's aspect " + aspectClass
					+ ": this starter expects opentelemetry-spring-boot-autoconfigure 2.31.x. Align the engine's "
					+ "version with the starter's, or set " + switchProperty + "=false.", ex);
		}
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		return this.advice.around(new MethodInvocationProceedingJoinPoint(proxyInvocation));
	}

	@FunctionalInterface
	private interface Advice {

		Object around(ProceedingJoinPoint joinPoint) throws Throwable;

	}

}
