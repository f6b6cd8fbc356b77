package dev.tracing.boot.async;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.util.ReflectionUtils;

/**
 * Makes every {@link Executor} bean carry the trace context into the tasks it runs, so that
 * {@code @Async} methods and {@code CompletableFuture.supplyAsync(..., executor)} continue
 * the caller's trace.
 * <ul>
 * <li>Spring's executors and schedulers ({@code ThreadPoolTaskExecutor},
 * {@code ThreadPoolTaskScheduler}, {@code SimpleAsyncTaskExecutor}, ...) get
 * {@link TraceContextTaskDecorator} added after any decorator they already have. A
 * {@code SimpleAsyncTaskScheduler} (Spring Boot's scheduler on virtual threads), which
 * decorates tasks only when they fall due, on its timer thread, is also wrapped in a proxy
 * that takes the context when a task is scheduled ({@link ScheduleTimeContextCapture}).</li>
 * <li>Plain {@code Executor}, {@code ExecutorService} and {@code ScheduledExecutorService}
 * beans are replaced by a context-propagating wrapper of the same interface, when the bean
 * is declared as that interface. A bean declared as a class (a {@code @Bean} method
 * returning {@code ThreadPoolExecutor}) is left alone, because a wrapper could not be
 * injected where that class is expected; a log line says so.</li>
 * </ul>
 */
public final class TraceContextExecutorPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(TraceContextExecutorPostProcessor.class);

	private final TaskDecorator decorator = new TraceContextTaskDecorator();

	private ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!(bean instanceof Executor executor) || isContextWrapper(bean)) {
			return bean;
		}
		if (addDecorator(bean)) {
			return (bean instanceof SimpleAsyncTaskScheduler scheduler) ? ScheduleTimeContextCapture.proxy(scheduler)
					: bean;
		}
		if (bean instanceof TaskExecutor) {
			// Spring executors without a task decorator (SyncTaskExecutor runs tasks in the
			// caller's thread, so the context is already there).
			return bean;
		}
		return wrap(executor, beanName);
	}

	private boolean addDecorator(Object executor) {
		Method setter = ReflectionUtils.findMethod(executor.getClass(), "setTaskDecorator", TaskDecorator.class);
		Field field = ReflectionUtils.findField(executor.getClass(), "taskDecorator", TaskDecorator.class);
		if (setter == null || field == null) {
			return false;
		}
		ReflectionUtils.makeAccessible(field);
		TaskDecorator existing = (TaskDecorator) ReflectionUtils.getField(field, executor);
		if (existing instanceof TraceContextTaskDecorator) {
			return true;
		}
		TaskDecorator decorator = (existing != null) ? new CompositeTaskDecorator(List.of(existing, this.decorator))
				: this.decorator;
		ReflectionUtils.invokeMethod(setter, executor, decorator);
		return true;
	}

	private Object wrap(Executor executor, String beanName) {
		Class<?> declared = declaredType(beanName, executor);
		if (executor instanceof ScheduledExecutorService scheduled
				&& declared.isAssignableFrom(ScheduledExecutorService.class)) {
			return Context.taskWrapping(scheduled);
		}
		if (executor instanceof ExecutorService service && declared.isAssignableFrom(ExecutorService.class)) {
			return Context.taskWrapping(service);
		}
		if (declared.isAssignableFrom(Executor.class)) {
			return Context.taskWrapping(executor);
		}
		logger.info("Executor bean '" + beanName + "' is declared as " + declared.getName()
				+ ", so its tasks do not carry the trace context. Declare it as ExecutorService "
				+ "(or Executor, ScheduledExecutorService) to have it wrapped.");
		return executor;
	}

	private Class<?> declaredType(String beanName, Object bean) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return bean.getClass();
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(beanName);
		if (definition instanceof RootBeanDefinition root) {
			Method factoryMethod = root.getResolvedFactoryMethod();
			Class<?> declared = (factoryMethod != null) ? factoryMethod.getReturnType()
					: root.hasBeanClass() ? root.getBeanClass() : null;
			if (declared != null && FactoryBean.class.isAssignableFrom(declared)) {
				declared = this.beanFactory.getType(beanName);
			}
			if (declared != null) {
				return declared;
			}
		}
		return bean.getClass();
	}

	private static boolean isContextWrapper(Object bean) {
		return bean.getClass().getPackageName().equals(Context.class.getPackageName());
	}

}
