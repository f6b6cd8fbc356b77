package dev.tracing.boot.annotation;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Methods that the OpenTelemetry engine's own aspects already trace: {@code @WithSpan}
 * methods and {@code @Scheduled} jobs, each while the engine's aspect for it is active (applied
 * by an {@link EngineAnnotationAdvisor}, or registered by the engine itself). Such a method gets
 * exactly one span, the engine's, even when {@code @Traced} is on it or its class.
 */
final class MethodsTracedByEngine implements Predicate<Method> {

	private final List<Class<? extends Annotation>> annotations;

	MethodsTracedByEngine(List<Class<? extends Annotation>> annotations) {
		this.annotations = List.copyOf(annotations);
	}

	/** The annotations whose engine aspect is a bean in this context. */
	static MethodsTracedByEngine in(ListableBeanFactory beanFactory) {
		ClassLoader classLoader = MethodsTracedByEngine.class.getClassLoader();
		Set<Class<? extends Annotation>> annotations = new LinkedHashSet<>();
		for (EngineAnnotationAdvisor advisor : beanFactory.getBeansOfType(EngineAnnotationAdvisor.class, true, false)
			.values()) {
			annotations.addAll(advisor.getAnnotations());
		}
		if (hasBean(beanFactory, EngineAspectInterceptor.WITH_SPAN_ASPECT, classLoader)) {
			annotations.add(annotation("io.opentelemetry.instrumentation.annotations.WithSpan", classLoader));
		}
		if (hasBean(beanFactory, EngineAspectInterceptor.SCHEDULING_ASPECT, classLoader)) {
			annotations.add(annotation("org.springframework.scheduling.annotation.Scheduled", classLoader));
			annotations.add(annotation("org.springframework.scheduling.annotation.Schedules", classLoader));
		}
		return new MethodsTracedByEngine(List.copyOf(annotations));
	}

	@Override
	public boolean test(Method method) {
		for (Class<? extends Annotation> annotation : this.annotations) {
			if (method.isAnnotationPresent(annotation)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasBean(ListableBeanFactory beanFactory, String type, ClassLoader classLoader) {
		return ClassUtils.isPresent(type, classLoader)
				&& beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(type, classLoader), true, false).length > 0;
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends Annotation> annotation(String type, ClassLoader classLoader) {
		return (Class<? extends Annotation>) ClassUtils.resolveClassName(type, classLoader);
	}

}
