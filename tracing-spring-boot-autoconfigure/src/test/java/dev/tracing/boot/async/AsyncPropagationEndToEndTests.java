package dev.tracing.boot.async;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

import dev.tracing.boot.annotation.Traced;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background work continues the request's trace, the way the Scout guide's Celery task
 * continues the request that queued it: an {@code @Async} method on Spring Boot's executor,
 * {@code supplyAsync} on an {@code ExecutorService} bean, a task submitted to an executor the
 * application built itself (keeping its own task decorator), and a task handed to Spring
 * Boot's {@code TaskScheduler}. {@code @Scheduled} runs start traces of their own.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncPropagationEndToEndTests {

	private static final Log logger = LogFactory.getLog(AsyncPropagationEndToEndTests.class);

	private static final ThreadLocal<String> decoratedBy = new ThreadLocal<>();

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint(),
				// Keep Spring Boot's executor although the application declares executors too.
				"spring.task.execution.mode", "force"), Features.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void backgroundSpansAreChildrenOfTheRequestSpanAndTheirLogLinesCarryItsTraceId(CapturedOutput output) {
		assertThat(new HttpCalls(app).get("/async/fan-out").statusCode()).isEqualTo(200);

		ReceivedSpan request = receiver.awaitSpan(
				(span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && "/async/fan-out".equals(span.attribute("url.path")));
		List<ReceivedSpan> steps = receiver.awaitSpans(
				(span) -> span.name().equals("Steps.step") && span.traceId().equals(request.traceId()), 4);
		Map<String, ReceivedSpan> byStep = steps.stream()
			.collect(java.util.stream.Collectors.toMap((span) -> span.attribute("step"), (span) -> span));
		assertThat(byStep).containsOnlyKeys("async-method", "supply-async", "user-executor", "task-scheduler");

		ReceivedSpan asyncMethod = receiver.awaitSpan((span) -> span.name().equals("AsyncWorker.work"));
		assertThat(asyncMethod.parentSpanId()).isEqualTo(request.spanId());
		assertThat(byStep.get("async-method").parentSpanId()).isEqualTo(asyncMethod.spanId());
		assertThat(byStep.get("async-method").attribute("worker.thread")).startsWith("task-");
		for (String step : List.of("supply-async", "user-executor", "task-scheduler")) {
			assertThat(byStep.get(step).parentSpanId()).as(step).isEqualTo(request.spanId());
		}
		assertThat(byStep.get("supply-async").attribute("worker.thread")).startsWith("reports-");
		assertThat(byStep.get("user-executor").attribute("worker.thread")).startsWith("legacy-");
		assertThat(byStep.get("user-executor").attribute("decorated.by")).isEqualTo("the application's decorator");
		assertThat(byStep.get("task-scheduler").attribute("worker.thread")).startsWith("scheduling-");
		for (String step : byStep.keySet()) {
			assertThat(output.getOut().lines().filter((line) -> line.endsWith("running step " + step)))
				.as(step)
				.singleElement()
				.asString()
				.contains("[" + request.traceId() + "-");
		}
	}

	@Test
	void eachScheduledRunIsTheRootOfItsOwnTraceWithOneSpan() {
		List<ReceivedSpan> runs = receiver.awaitSpans((span) -> span.name().equals("Ticker.tick"), 2);
		assertThat(runs).allSatisfy((run) -> assertThat(run.parentSpanId()).isEmpty());
		Set<String> traces = runs.stream().map(ReceivedSpan::traceId).collect(java.util.stream.Collectors.toSet());
		assertThat(traces).hasSameSizeAs(runs);

		ReceivedSpan run = runs.get(0);
		ReceivedSpan step = receiver.awaitSpan((span) -> span.name().equals("Steps.step")
				&& "scheduled".equals(span.attribute("step")) && span.traceId().equals(run.traceId()));
		assertThat(step.parentSpanId()).isEqualTo(run.spanId());
	}

	/** Logs and records a step with the thread that runs it, through the traced {@link Steps} bean. */
	private static String recordStep(Steps steps, String name) {
		logger.info("running step " + name);
		return steps.step(name, Thread.currentThread().getName(), decoratedBy.get());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	@EnableScheduling
	@Import({ FanOutController.class, AsyncWorker.class, Steps.class, Ticker.class })
	static class Features {

		@Bean
		ExecutorService reportExecutor() {
			return Executors.newFixedThreadPool(2, (task) -> new Thread(task, "reports-" + task.hashCode()));
		}

		@Bean
		ThreadPoolTaskExecutor legacyExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(2);
			executor.setThreadNamePrefix("legacy-");
			executor.setTaskDecorator((task) -> () -> {
				decoratedBy.set("the application's decorator");
				try {
					task.run();
				}
				finally {
					decoratedBy.remove();
				}
			});
			return executor;
		}

	}

	@RestController
	static class FanOutController {

		private final AsyncWorker worker;

		private final Steps steps;

		private final ExecutorService reportExecutor;

		private final ThreadPoolTaskExecutor legacyExecutor;

		private final TaskScheduler taskScheduler;

		FanOutController(AsyncWorker worker, Steps steps, @Qualifier("reportExecutor") ExecutorService reportExecutor,
				@Qualifier("legacyExecutor") ThreadPoolTaskExecutor legacyExecutor, TaskScheduler taskScheduler) {
			this.worker = worker;
			this.steps = steps;
			this.reportExecutor = reportExecutor;
			this.legacyExecutor = legacyExecutor;
			this.taskScheduler = taskScheduler;
		}

		@GetMapping("/async/fan-out")
		String fanOut() throws Exception {
			CompletableFuture<String> async = this.worker.work();
			CompletableFuture<String> supplied = CompletableFuture.supplyAsync(() -> recordStep(this.steps, "supply-async"),
					this.reportExecutor);
			Future<String> submitted = this.legacyExecutor.submit(() -> recordStep(this.steps, "user-executor"));
			ScheduledFuture<?> scheduled = this.taskScheduler.schedule(() -> recordStep(this.steps, "task-scheduler"),
					Instant.now());
			scheduled.get();
			return String.join(",", async.get(), supplied.get(), submitted.get());
		}

	}

	static class AsyncWorker {

		private final Steps steps;

		AsyncWorker(Steps steps) {
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
				@TracedAttribute("decorated.by") String decorator) {
			return step;
		}

	}

	@Traced
	static class Ticker {

		private final Steps steps;

		Ticker(Steps steps) {
			this.steps = steps;
		}

		@Scheduled(fixedDelay = 300)
		public void tick() {
			recordStep(this.steps, "scheduled");
		}

	}

}
