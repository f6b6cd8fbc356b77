package dev.tracing.boot.annotation;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.function.Supplier;

import dev.tracing.boot.aop.LazyAdvisor;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Applies one of the engine's aspects to the methods that carry its annotations, ordered like
 * {@link TracedAdvisor}.
 */
public final class EngineAnnotationAdvisor extends LazyAdvisor {

	private final List<Class<? extends Annotation>> annotations;

	@SafeVarargs
	EngineAnnotationAdvisor(Supplier<EngineAspectInterceptor> interceptor, Class<? extends Annotation>... annotations) {
		super(pointcut(annotations), interceptor, Ordered.LOWEST_PRECEDENCE - 1);
		this.annotations = List.of(annotations);
	}

	/** The annotations whose methods this advisor traces. */
	public List<Class<? extends Annotation>> getAnnotations() {
		return this.annotations;
	}

	@SafeVarargs
	private static Pointcut pointcut(Class<? extends Annotation>... annotations) {
		ComposablePointcut pointcut = null;
		for (Class<? extends Annotation> annotation : annotations) {
			Pointcut one = AnnotationMatchingPointcut.forMethodAnnotation(annotation);
			pointcut = (pointcut != null) ? pointcut.union(one) : new ComposablePointcut(one);
		}
		return pointcut;
	}

}
