package dev.tracing.boot.aop;

import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.util.function.SingletonSupplier;

/**
 * An advisor whose advice is looked up when the first matching bean is proxied, not when the
 * auto-proxy creator collects its advisors. Advisors are collected before most beans exist;
 * an eager interceptor would create the OpenTelemetry SDK (or the observation registry) ahead
 * of the beans that post-process it.
 */
public abstract class LazyAdvisor extends AbstractPointcutAdvisor {

	private final transient Pointcut pointcut;

	private final transient Supplier<? extends Advice> advice;

	protected LazyAdvisor(Pointcut pointcut, Supplier<? extends Advice> advice, int order) {
		this.pointcut = pointcut;
		this.advice = SingletonSupplier.of(advice);
		setOrder(order);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.advice.get();
	}

}
