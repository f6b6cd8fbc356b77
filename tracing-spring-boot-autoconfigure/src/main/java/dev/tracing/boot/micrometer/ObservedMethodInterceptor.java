package dev.tracing.boot.micrometer;

import java.lang.reflect.Method;

import io.micrometer.observation.annotation.Observed;
import io.micrometer.observation.aop.ObservedAspect;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.aspectj.lang.ProceedingJoinPoint;

import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.aspectj.MethodInvocationProceedingJoinPoint;
import org.springframework.aop.support.AopUtils;

/**
 * Runs {@code @Observed} methods through Micrometer's own {@link ObservedAspect}, so that
 * names, contextual names, low-cardinality key values, {@code @ObservationKeyValue}
 * parameters and asynchronous return values are handled exactly as Micrometer defines them;
 * only the way the aspect is applied differs.
 */
public final class ObservedMethodInterceptor implements MethodInterceptor {

	private final ObservedAspect aspect;

	public ObservedMethodInterceptor(ObservedAspect aspect) {
		this.aspect = aspect;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (!(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
			return invocation.proceed();
		}
		ProceedingJoinPoint joinPoint = new MethodInvocationProceedingJoinPoint(proxyInvocation);
		return observedMethod(invocation) ? this.aspect.observeMethod(joinPoint)
				: this.aspect.observeClass(joinPoint);
	}

	/** Whether the method itself, not only its class, carries {@code @Observed}. */
	private static boolean observedMethod(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		if (method.isAnnotationPresent(Observed.class)) {
			return true;
		}
		Object target = invocation.getThis();
		return target != null
				&& AopUtils.getMostSpecificMethod(method, target.getClass()).isAnnotationPresent(Observed.class);
	}

}
