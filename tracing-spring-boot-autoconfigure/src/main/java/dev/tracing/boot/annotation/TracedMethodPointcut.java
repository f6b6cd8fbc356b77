package dev.tracing.boot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Matches {@link Traced @Traced} methods and the public methods of {@code @Traced}
 * classes, with the same annotation lookup (meta-annotations, interfaces, superclasses) as
 * {@link TracedMethods}. Spring's own annotation reflection, not AspectJ pointcut
 * expressions: every method of every bean is checked once at start-up, and an
 * {@code @within} expression made AspectJ read class files for it.
 */
final class TracedMethodPointcut extends StaticMethodMatcherPointcut {

	TracedMethodPointcut() {
		setClassFilter((type) -> AnnotationUtils.isCandidateClass(type, Traced.class));
	}

	@Override
	public boolean matches(Method method, Class<?> targetClass) {
		if (ReflectionUtils.isObjectMethod(method)) {
			return false;
		}
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		if (AnnotatedElementUtils.hasAnnotation(specific, Traced.class)) {
			return true;
		}
		return Modifier.isPublic(specific.getModifiers())
				&& AnnotatedElementUtils.hasAnnotation(specific.getDeclaringClass(), Traced.class);
	}

}
