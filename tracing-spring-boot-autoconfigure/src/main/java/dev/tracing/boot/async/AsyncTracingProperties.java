package dev.tracing.boot.async;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trace context in background work.
 *
 * @param enabled Whether executors and schedulers carry the submitting thread's trace
 * context into the tasks they run (@Async methods, CompletableFuture.supplyAsync on an
 * executor bean, TaskScheduler.schedule). When false, background work starts new traces.
 */
@ConfigurationProperties("tracing.async")
public record AsyncTracingProperties(@DefaultValue("true") boolean enabled) {

}
