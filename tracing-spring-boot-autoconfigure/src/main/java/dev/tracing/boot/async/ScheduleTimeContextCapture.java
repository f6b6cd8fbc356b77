package dev.tracing.boot.async;

import java.lang.reflect.Method;

import io.opentelemetry.context.Context;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.StaticMethodMatcherPointcutAdvisor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

/**
 * Takes the trace context when a task is handed to a {@link SimpleAsyncTaskScheduler}, the
 * scheduler Spring Boot builds when virtual threads are on. That scheduler applies its task
 * decorator only when its timer thread hands a due task to a new thread, where the caller's
 * context is gone, and never to fixed-delay tasks, which run on the timer thread itself. So
 * its {@code schedule*} methods are wrapped in a proxy that binds each task to the context
 * current at the call, as {@code ThreadPoolTaskScheduler} does through its decorator.
 * <p>
 * A proxy of the class keeps the bean injectable as {@code SimpleAsyncTaskScheduler}. Like
 * every class-based proxy it cannot pass on final methods: {@code getConcurrencyLimit()},
 * {@code isThrottleActive()} and {@code getThreadFactory()} do not work on the bean (the
 * scheduler itself uses them as before).
 */
final class ScheduleTimeContextCapture implements MethodInterceptor {

	private ScheduleTimeContextCapture() {
	}

	/** A proxy of the scheduler, of its own class, that captures the context at scheduling. */
	static SimpleAsyncTaskScheduler proxy(SimpleAsyncTaskScheduler scheduler) {
		ProxyFactory factory = new ProxyFactory(scheduler);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new SchedulingMethods(new ScheduleTimeContextCapture()));
		return (SimpleAsyncTaskScheduler) factory.getProxy(scheduler.getClass().getClassLoader());
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		Object[] arguments = invocation.getArguments();
		if (arguments[0] instanceof Runnable task) {
			arguments[0] = Context.current().wrap(task);
		}
		return invocation.proceed();
	}

	/** The methods of {@link TaskScheduler} that take a task: every {@code schedule*}. */
	private static final class SchedulingMethods extends StaticMethodMatcherPointcutAdvisor {

		SchedulingMethods(MethodInterceptor interceptor) {
			super(interceptor);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return method.getName().startsWith("schedule") && method.getParameterCount() > 0
					&& method.getParameterTypes()[0] == Runnable.class && declaredByTaskScheduler(method);
		}

		private static boolean declaredByTaskScheduler(Method method) {
			try {
				TaskScheduler.class.getMethod(method.getName(), method.getParameterTypes());
				return true;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}

	}

}
