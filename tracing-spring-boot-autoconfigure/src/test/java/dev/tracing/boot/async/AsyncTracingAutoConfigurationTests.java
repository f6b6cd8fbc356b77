package dev.tracing.boot.async;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which executors carry the context, checked by a value put in the submitting thread's
 * context and read back in the task.
 */
class AsyncTracingAutoConfigurationTests {

	private static final ContextKey<String> origin = ContextKey.named("origin");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AsyncTracingAutoConfiguration.class,
				TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class));

	@Test
	void springBootsExecutorAndSchedulerCarryTheContext() {
		this.runner.withUserConfiguration(Scheduling.class).run((context) -> {
			ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
			assertThat(seenBy(executor::submit)).isEqualTo("caller");
			TaskScheduler scheduler = context.getBean(TaskScheduler.class);
			assertThat(seenBy((task) -> {
				CompletableFuture<String> result = new CompletableFuture<>();
				scheduler.schedule(() -> result.complete(Context.current().get(origin)), Instant.now());
				return result;
			})).isEqualTo("caller");
		});
	}

	@Test
	void executorServiceBeanIsWrappedAndCarriesTheContext() {
		this.runner.withUserConfiguration(PlainExecutors.class).run((context) -> {
			ExecutorService service = context.getBean("service", ExecutorService.class);
			assertThat(seenBy(service::submit)).isEqualTo("caller");
			ScheduledExecutorService scheduled = context.getBean("scheduled", ScheduledExecutorService.class);
			assertThat(seenBy((task) -> scheduled.schedule(task, 1, TimeUnit.MILLISECONDS))).isEqualTo("caller");
			Executor executor = context.getBean("executor", Executor.class);
			assertThat(seenBy((task) -> CompletableFuture.supplyAsync(() -> Context.current().get(origin), executor)))
				.isEqualTo("caller");
		});
	}

	@Test
	void wrappedExecutorServiceIsStillShutDownWithTheContext() {
		ExecutorService raw = Executors.newSingleThreadExecutor();
		this.runner.withBean("service", ExecutorService.class, () -> raw)
			.run((context) -> assertThat(context.getBean("service")).isNotSameAs(raw));
		assertThat(raw.isShutdown()).isTrue();
	}

	@Test
	void executorDeclaredAsAClassIsLeftAlone() {
		this.runner.withUserConfiguration(ConcreteExecutor.class).run((context) -> {
			ThreadPoolExecutor executor = context.getBean(ThreadPoolExecutor.class);
			assertThat(executor.getClass()).isEqualTo(ThreadPoolExecutor.class);
			assertThat(seenBy(executor::submit)).isNull();
		});
	}

	@Test
	void applicationsOwnSpringExecutorKeepsItsDecoratorAndCarriesTheContext() {
		this.runner.withUserConfiguration(OwnSpringExecutors.class).run((context) -> {
			ThreadPoolTaskExecutor pool = context.getBean(ThreadPoolTaskExecutor.class);
			assertThat(seenBy((task) -> pool.submit(() -> task.call() + "+" + OwnSpringExecutors.decorated.get())))
				.isEqualTo("caller+decorated");
			SimpleAsyncTaskExecutor simple = context.getBean(SimpleAsyncTaskExecutor.class);
			assertThat(seenBy(simple::submit)).isEqualTo("caller");
		});
	}

	@Test
	void asyncEnabledFalseLeavesExecutorsAlone() {
		this.runner.withPropertyValues("tracing.async.enabled=false")
			.withUserConfiguration(PlainExecutors.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TraceContextTaskDecorator.class)
					.doesNotHaveBean(TraceContextExecutorPostProcessor.class);
				assertThat(seenBy(context.getBean("service", ExecutorService.class)::submit)).isNull();
			});
	}

	private static String seenBy(Submitter submitter) throws Exception {
		try (Scope scope = Context.current().with(origin, "caller").makeCurrent()) {
			return submitter.submit(() -> Context.current().get(origin)).get(5, TimeUnit.SECONDS);
		}
	}

	interface Submitter {

		java.util.concurrent.Future<String> submit(Callable<String> task) throws Exception;

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {

	}

	@Configuration(proxyBeanMethods = false)
	static class PlainExecutors {

		@Bean(destroyMethod = "shutdown")
		ExecutorService service() {
			return Executors.newSingleThreadExecutor();
		}

		@Bean(destroyMethod = "shutdown")
		ScheduledExecutorService scheduled() {
			return Executors.newSingleThreadScheduledExecutor();
		}

		@Bean
		Executor executor() {
			return (task) -> new Thread(task).start();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConcreteExecutor {

		@Bean(destroyMethod = "shutdown")
		ThreadPoolExecutor pool() {
			return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSpringExecutors {

		static final ThreadLocal<String> decorated = new ThreadLocal<>();

		@Bean
		ThreadPoolTaskExecutor pool() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			TaskDecorator marking = (task) -> () -> {
				decorated.set("decorated");
				try {
					task.run();
				}
				finally {
					decorated.remove();
				}
			};
			executor.setTaskDecorator(marking);
			return executor;
		}

		@Bean
		SimpleAsyncTaskExecutor simple() {
			return new SimpleAsyncTaskExecutor();
		}

	}

}
