package dev.tracing.boot.async;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
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

	/**
	 * The scheduler Spring Boot builds on virtual threads, here on platform threads (the same
	 * class, so this runs on Java 17): it hands due tasks to new threads from its timer
	 * thread, so the context must be taken when a task is scheduled, not when it falls due.
	 */
	@Test
	void simpleAsyncTaskSchedulerCarriesTheContextOfTheSchedulingThread() {
		this.runner.withUserConfiguration(OwnSimpleAsyncScheduler.class).run((context) -> {
			SimpleAsyncTaskScheduler scheduler = context.getBean(SimpleAsyncTaskScheduler.class);
			assertThat(scheduler.isRunning()).isTrue();
			assertThat(seenBy((task) -> {
				CompletableFuture<String> result = new CompletableFuture<>();
				scheduler.schedule(() -> result.complete(Context.current().get(origin)), Instant.now());
				return result;
			})).isEqualTo("caller");
			assertThat(seenBy((task) -> {
				CompletableFuture<String> result = new CompletableFuture<>();
				scheduler.schedule(() -> result.complete(Context.current().get(origin)),
						(trigger) -> (trigger.lastScheduledExecution() == null) ? Instant.now() : null);
				return result;
			})).isEqualTo("caller");
			Duration hourly = Duration.ofHours(1);
			assertThat(seenBy((task) -> firstRun((run) -> scheduler.scheduleAtFixedRate(run, Instant.now(), hourly))))
				.isEqualTo("caller");
			assertThat(seenBy((task) -> firstRun((run) -> scheduler.scheduleWithFixedDelay(run, Instant.now(), hourly))))
				.isEqualTo("caller");
			assertThat(seenBy((task) -> scheduler.submit(task))).isEqualTo("caller");
			assertThat(seenBy((task) -> {
				CompletableFuture<String> result = new CompletableFuture<>();
				scheduler.execute(() -> result.complete(Context.current().get(origin)));
				return result;
			})).isEqualTo("caller");
			assertThat(seenBy((task) -> {
				CompletableFuture<String> result = new CompletableFuture<>();
				scheduler.schedule(() -> result.complete(Thread.currentThread().getName()), Instant.now());
				return result;
			})).startsWith("own-scheduler-");
		});
	}

	/** The proxy passes the context's close on: the scheduler's timer thread ends. */
	@Test
	void simpleAsyncTaskSchedulerStopsItsTimerThreadWhenTheContextCloses() {
		List<Thread> timers = new ArrayList<>();
		this.runner.withUserConfiguration(OwnSimpleAsyncScheduler.class).run((context) -> {
			SimpleAsyncTaskScheduler scheduler = context.getBean(SimpleAsyncTaskScheduler.class);
			scheduler.schedule(() -> {
			}, Instant.now().plus(Duration.ofHours(1)));
			Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().startsWith("own-scheduler-"))
				.forEach(timers::add);
		});
		assertThat(timers).isNotEmpty();
		timers.forEach(AsyncTracingAutoConfigurationTests::awaitEnd);
	}

	private static CompletableFuture<String> firstRun(Function<Runnable, ScheduledFuture<?>> schedule) {
		CompletableFuture<String> result = new CompletableFuture<>();
		ScheduledFuture<?> repeating = schedule.apply(() -> result.complete(Context.current().get(origin)));
		return result.whenComplete((value, failure) -> repeating.cancel(false));
	}

	private static void awaitEnd(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(thread.isAlive()).as(thread.getName()).isFalse();
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
	static class OwnSimpleAsyncScheduler {

		@Bean
		SimpleAsyncTaskScheduler ownScheduler() {
			SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
			scheduler.setThreadNamePrefix("own-scheduler-");
			return scheduler;
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
