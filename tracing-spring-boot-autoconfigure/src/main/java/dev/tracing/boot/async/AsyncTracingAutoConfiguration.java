package dev.tracing.boot.async;

import dev.tracing.boot.ConditionalOnTracingEnabled;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Carries the trace context across threads. Spring Boot applies the
 * {@link TraceContextTaskDecorator} bean to the executor and scheduler it auto-configures
 * and to every executor built with its {@code ThreadPoolTaskExecutorBuilder},
 * {@code SimpleAsyncTaskExecutorBuilder} and scheduler builders; the
 * {@link TraceContextExecutorPostProcessor} covers the executor beans an application creates
 * itself, and takes the context at scheduling time for the {@code SimpleAsyncTaskScheduler}
 * that Spring Boot uses on virtual threads. {@code @Scheduled} jobs are registered at
 * start-up, outside any trace, so each run still starts a root span (the engine's scheduling
 * instrumentation makes it).
 */
@AutoConfiguration(before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConditionalOnTracingEnabled
@ConditionalOnBooleanProperty(name = "tracing.async.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AsyncTracingProperties.class)
public final class AsyncTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TraceContextTaskDecorator traceContextTaskDecorator() {
		return new TraceContextTaskDecorator();
	}

	@Bean
	@ConditionalOnMissingBean
	static TraceContextExecutorPostProcessor traceContextExecutorPostProcessor() {
		return new TraceContextExecutorPostProcessor();
	}

}
