package dev.tracing.boot.annotation;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

class TracedMethodPointcutTests {

	private final TracedMethodPointcut pointcut = new TracedMethodPointcut();

	@Test
	void matchesAnnotatedMethods() {
		assertThat(matches(Plain.class, "traced")).isTrue();
		assertThat(matches(Plain.class, "untraced")).isFalse();
	}

	@Test
	void matchesPublicMethodsOfAnnotatedClassesOnly() {
		assertThat(matches(TracedClass.class, "open")).isTrue();
		assertThat(matches(TracedClass.class, "hidden")).isFalse();
		assertThat(matches(TracedClass.class, "toString")).isFalse();
	}

	@Test
	void matchesAnnotationsOnInterfacesAndComposedAnnotations() {
		assertThat(matches(Implementation.class, "declared")).isTrue();
		assertThat(matches(Composed.class, "run")).isTrue();
	}

	@Test
	void leavesJdkTypesAlone() {
		assertThat(this.pointcut.getClassFilter().matches(String.class)).isFalse();
		assertThat(this.pointcut.getClassFilter().matches(Plain.class)).isTrue();
	}

	private boolean matches(Class<?> type, String name) {
		Method method = ReflectionUtils.findMethod(type, name);
		return this.pointcut.getMethodMatcher().matches(method, type);
	}

	static class Plain {

		@Traced
		public void traced() {
		}

		public void untraced() {
		}

	}

	@Traced
	static class TracedClass {

		public void open() {
		}

		void hidden() {
		}

		@Override
		public String toString() {
			return "traced";
		}

	}

	interface Declaring {

		@Traced
		void declared();

	}

	static class Implementation implements Declaring {

		@Override
		public void declared() {
		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Traced(name = "job")
	@interface Job {

	}

	static class Composed {

		@Job
		public void run() {
		}

	}

}
