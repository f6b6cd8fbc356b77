package dev.tracing.boot.micrometer;

import java.util.function.Supplier;

import dev.tracing.boot.aop.LazyAdvisor;

import org.springframework.core.Ordered;

/**
 * Applies the {@link ObservedMethodInterceptor} to {@code @Observed} methods through
 * Spring's auto-proxying, ordered like {@code @Traced}: just before {@code @Transactional}
 * and {@code @Cacheable}.
 */
public final class ObservedAdvisor extends LazyAdvisor {

	public ObservedAdvisor(Supplier<ObservedMethodInterceptor> interceptor) {
		super(new ObservedMethodPointcut(), interceptor, Ordered.LOWEST_PRECEDENCE - 1);
	}

}
