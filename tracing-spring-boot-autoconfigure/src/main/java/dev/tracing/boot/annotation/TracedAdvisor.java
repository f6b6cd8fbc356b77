package dev.tracing.boot.annotation;

import java.util.function.Supplier;

import dev.tracing.boot.aop.LazyAdvisor;

import org.springframework.core.Ordered;

/**
 * Applies the {@link TracedMethodInterceptor} to {@link Traced @Traced} methods through
 * Spring's auto-proxying, as {@code @Transactional} and {@code @Cacheable} are applied. It
 * is ordered just before those, so that a method's span includes its transaction and cache
 * lookup.
 */
public final class TracedAdvisor extends LazyAdvisor {

	public TracedAdvisor(Supplier<TracedMethodInterceptor> interceptor) {
		super(new TracedMethodPointcut(), interceptor, Ordered.LOWEST_PRECEDENCE - 1);
	}

}
