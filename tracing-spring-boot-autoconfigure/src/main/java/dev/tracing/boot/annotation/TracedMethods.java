package dev.tracing.boot.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.tracing.boot.annotation.TracedMethod.ParameterAttribute;
import dev.tracing.boot.annotation.TracedMethod.Result;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Resolves each traced method once, on its first call, and caches the result per target
 * class: the cost of reading annotations and parameter names is paid once, not per call.
 */
final class TracedMethods {

	private static final boolean reactorPresent = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TracedMethods.class.getClassLoader());

	private final boolean codeAttributes;

	private final Predicate<Method> tracedElsewhere;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final ClassValue<Map<Method, TracedMethod>> byTargetClass = new ClassValue<>() {
		@Override
		protected Map<Method, TracedMethod> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}
	};

	/**
	 * @param codeAttributes whether spans carry {@code code.function.name}
	 * @param tracedElsewhere methods that already get a span from another instrumentation;
	 * they get none from {@code @Traced}
	 */
	TracedMethods(boolean codeAttributes, Predicate<Method> tracedElsewhere) {
		this.codeAttributes = codeAttributes;
		this.tracedElsewhere = tracedElsewhere;
	}

	TracedMethod get(Class<?> targetClass, Method method) {
		Map<Method, TracedMethod> methods = this.byTargetClass.get(targetClass);
		TracedMethod traced = methods.get(method);
		return (traced != null) ? traced : methods.computeIfAbsent(method, (key) -> resolve(targetClass, key));
	}

	private TracedMethod resolve(Class<?> targetClass, Method method) {
		Class<?> userClass = ClassUtils.getUserClass(targetClass);
		Method specific = AopUtils.getMostSpecificMethod(method, userClass);
		if (ReflectionUtils.isObjectMethod(specific) || this.tracedElsewhere.test(specific)) {
			return TracedMethod.UNTRACED;
		}
		Traced annotation = AnnotatedElementUtils.findMergedAnnotation(specific, Traced.class);
		String name;
		if (annotation != null) {
			name = StringUtils.hasText(annotation.name()) ? annotation.name()
					: className(userClass) + "." + specific.getName();
		}
		else {
			annotation = AnnotatedElementUtils.findMergedAnnotation(specific.getDeclaringClass(), Traced.class);
			if (annotation == null) {
				return TracedMethod.UNTRACED;
			}
			String prefix = StringUtils.hasText(annotation.name()) ? annotation.name()
					: className(userClass);
			name = prefix + "." + specific.getName();
		}
		String functionName = this.codeAttributes ? userClass.getName() + "." + specific.getName() : null;
		return new TracedMethod(name, annotation.kind(), functionName, parameterAttributes(specific),
				result(specific.getReturnType()));
	}

	private static String className(Class<?> type) {
		String simpleName = type.getSimpleName();
		return simpleName.isEmpty() ? ClassUtils.getShortName(type) : simpleName;
	}

	private List<ParameterAttribute> parameterAttributes(Method method) {
		Parameter[] parameters = method.getParameters();
		String[] discovered = this.parameterNames.getParameterNames(method);
		List<ParameterAttribute> attributes = new ArrayList<>();
		for (int i = 0; i < parameters.length; i++) {
			TracedAttribute annotation = parameters[i].getAnnotation(TracedAttribute.class);
			if (annotation != null) {
				String name = StringUtils.hasText(annotation.value()) ? annotation.value()
						: (discovered != null) ? discovered[i] : parameters[i].getName();
				attributes.add(ParameterAttribute.of(i, name, parameters[i].getType()));
			}
		}
		return attributes;
	}

	private static Result result(Class<?> returnType) {
		if (CompletionStage.class.isAssignableFrom(returnType)) {
			return Result.COMPLETION_STAGE;
		}
		if (reactorPresent && ReactorResults.isReactive(returnType)) {
			return Result.REACTIVE;
		}
		return Result.SYNCHRONOUS;
	}

}
