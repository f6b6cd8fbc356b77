package dev.tracing.boot.async;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.tracing.boot.annotation.Traced;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true} Spring Boot runs {@code @Async} methods
 * and executor tasks on a {@code SimpleAsyncTaskExecutor} and scheduled tasks on a
 * {@code SimpleAsyncTaskScheduler}, each task on a new virtual thread. Every kind of hand-off
 * a request makes there continues the request's trace, on the wire. The scheduler is the
 * interesting one: it hands each task to its executor from its own timer thread, where the
 * request's context is long gone, so the context has to be taken when the task is scheduled.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 or later")
class VirtualThreadsPropagationEndToEndTests {

	private static final List<String> STEPS = List.of("async-method", "executor-submit", "supply-async",
			"schedule-at-instant", "schedule-with-trigger", "schedule-at-fixed-rate", "schedule-with-fixed-delay");

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint(),
				"spring.threads.virtual.enabled", "true"), Features.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void springBootUsesItsVirtualThreadExecutorAndScheduler() {
		assertThat(app.getBean("applicationTaskExecutor")).isInstanceOf(SimpleAsyncTaskExecutor.class);
		assertThat(app.getBean(TaskScheduler.class)).isInstanceOf(SimpleAsyncTaskScheduler.class);
	}

	@Test
	void everyHandOffOnVirtualThreadsIsAChildOfTheRequestSpan() {
		assertThat(new HttpCalls(app).get("/virtual/fan-out").statusCode()).isEqualTo(200);

		ReceivedSpan request = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/virtual/fan-out".equals(span.attribute("url.path")));
		List<ReceivedSpan> steps = receiver.awaitSpans(
				(span) -> span.name().equals("Steps.step") && span.traceId().equals(request.traceId()), STEPS.size());
		Map<String, ReceivedSpan> byStep = steps.stream()
			.collect(Collectors.toMap((span) -> span.attribute("step"), (span) -> span));
		assertThat(byStep).containsOnlyKeys(STEPS);

		ReceivedSpan asyncMethod = receiver.awaitSpan((span) -> span.name().equals("VirtualWorker.work"));
		assertThat(asyncMethod.traceId()).isEqualTo(request.traceId());
		assertThat(asyncMethod.parentSpanId()).isEqualTo(request.spanId());
		assertThat(byStep.get("async-method").parentSpanId()).isEqualTo(asyncMethod.spanId());
		for (String step : STEPS.subList(1, STEPS.size())) {
			assertThat(byStep.get(step).parentSpanId()).as(step).isEqualTo(request.spanId());
		}
		for (String step : STEPS) {
			assertThat(byStep.get(step).attribute("worker.virtual")).as(step).isEqualTo("true");
		}
		assertThat(byStep.get("async-method").attribute("worker.thread")).startsWith("task-");
		assertThat(byStep.get("executor-submit").attribute("worker.thread")).startsWith("task-");
		assertThat(byStep.get("schedule-at-instant").attribute("worker.thread")).startsWith("scheduling-");
	}

	/** Records a step with the thread that runs it, through the traced {@link Steps} bean. */
	private static String recordStep(Steps steps, String name) {
		Thread thread = Thread.currentThread();
		return steps.step(name, thread.getName(), isVirtual(thread));
	}

	/** {@code Thread.isVirtual()}, which the Java 17 API this module compiles against lacks. */
	private static boolean isVirtual(Thread thread) {
		try {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			return (boolean) isVirtual.invoke(thread);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableScheduling
	@Import({ FanOutController.class, VirtualWorker.class, Steps.class })
	static class Features {

	}

	@RestController
	static class FanOutController {

		private final VirtualWorker worker;

		private final Steps steps;

		private final AsyncTaskExecutor executor;

		private final TaskScheduler scheduler;

		FanOutController(VirtualWorker worker, Steps steps,
				@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor, TaskScheduler scheduler) {
			this.worker = worker;
			this.steps = steps;
			this.executor = executor;
			this.scheduler = scheduler;
		}

		@GetMapping("/virtual/fan-out")
		String fanOut() throws Exception {
			CompletableFuture<String> async = this.worker.work();
			Future<String> submitted = this.executor.submit(() -> recordStep(this.steps, "executor-submit"));
			CompletableFuture<String> supplied = CompletableFuture
				.supplyAsync(() -> recordStep(this.steps, "supply-async"), this.executor);
			// A scheduler's future stands for the hand-off to a thread, not for the task.
			CompletableFuture<String> atInstant = new CompletableFuture<>();
			this.scheduler.schedule(() -> atInstant.complete(recordStep(this.steps, "schedule-at-instant")),
					Instant.now());
			CompletableFuture<String> withTrigger = new CompletableFuture<>();
			this.scheduler.schedule(() -> withTrigger.complete(recordStep(this.steps, "schedule-with-trigger")),
					(context) -> (context.lastScheduledExecution() == null) ? Instant.now() : null);
			CompletableFuture<String> atFixedRate = new CompletableFuture<>();
			ScheduledFuture<?> rate = this.scheduler.scheduleAtFixedRate(() -> {
				if (!atFixedRate.isDone()) {
					atFixedRate.complete(recordStep(this.steps, "schedule-at-fixed-rate"));
				}
			}, Duration.ofHours(1));
			CompletableFuture<String> withFixedDelay = new CompletableFuture<>();
			ScheduledFuture<?> delay = this.scheduler.scheduleWithFixedDelay(() -> {
				if (!withFixedDelay.isDone()) {
					withFixedDelay.complete(recordStep(this.steps, "schedule-with-fixed-delay"));
				}
			}, Duration.ofHours(1));
			try {
				CompletableFuture.allOf(async, supplied, atInstant, withTrigger, atFixedRate, withFixedDelay)
					.get(30, TimeUnit.SECONDS);
				return submitted.get(30, TimeUnit.SECONDS);
			}
			finally {
				rate.cancel(false);
				delay.cancel(false);
			}
		}

	}

	static class VirtualWorker {

		private final Steps steps;

		VirtualWorker(Steps steps) {
			this.steps = steps;
		}

		@Async
		@Traced
		public CompletableFuture<String> work() {
			return CompletableFuture.completedFuture(recordStep(this.steps, "async-method"));
		}

	}

	static class Steps {

		@Traced
		public String step(@TracedAttribute("step") String step, @TracedAttribute("worker.thread") String thread,
				@TracedAttribute("worker.virtual") boolean virtual) {
			return step;
		}

	}

}
