package dev.tracing.boot.micrometer;

import java.lang.reflect.Method;

import io.micrometer.observation.annotation.Observed;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Matches the methods that Micrometer's {@code ObservedAspect} observes: methods annotated
 * with {@link Observed @Observed} and the methods declared by an {@code @Observed} class.
 * Plain reflection in place of the aspect's {@code @within} expression, for which AspectJ
 * reads the class file of every bean at start-up.
 */
final class ObservedMethodPointcut extends StaticMethodMatcherPointcut {

	ObservedMethodPointcut() {
		setClassFilter((type) -> AnnotationUtils.isCandidateClass(type, Observed.class));
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		if (ReflectionUtils.isObjectMethod(method)) {
			return false;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		return specific.isAnnotationPresent(Observed.class)
				|| specific.getDeclaringClass().isAnnotationPresent(Observed.class);
	}

}
