package dev.tracing.boot.annotation;

import java.util.function.Supplier;

import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies the {@link TracedMethodInterceptor} to {@link Traced @Traced} methods through
 * Spring's auto-proxying, as {@code @Transactional} and {@code @Cacheable} are applied. It
 * is ordered just before those, so that a method's span includes its transaction and cache
 * lookup. The interceptor is looked up when the first {@code @Traced} bean is proxied, not
 * when the auto-proxy creator collects its advisors, so that the OpenTelemetry SDK is not
 * created ahead of the beans that post-process it.
 */
public final class TracedAdvisor extends AbstractPointcutAdvisor {

	private final transient Pointcut pointcut = new TracedMethodPointcut();

	private final transient Supplier<TracedMethodInterceptor> interceptor;

	public TracedAdvisor(Supplier<TracedMethodInterceptor> interceptor) {
		this.interceptor = SingletonSupplier.of(interceptor);
		setOrder(Ordered.LOWEST_PRECEDENCE - 1);
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor.get();
	}

}
