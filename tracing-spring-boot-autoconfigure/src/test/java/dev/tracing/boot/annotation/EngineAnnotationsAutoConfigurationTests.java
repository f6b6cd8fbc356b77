package dev.tracing.boot.annotation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

class EngineAnnotationsAutoConfigurationTests {

	private static final String ENGINE_SCOPE = "io.opentelemetry.spring-boot-autoconfigure";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(
				SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, EngineAnnotationsAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> this.sdk)
		.withBean(Jobs.class);

	@Test
	void withSpanMethodGetsTheEnginesSpanThroughTheAdvisor() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Jobs.class).report("weekly")).isEqualTo("weekly done");

			SpanData span = single();
			assertThat(span.getName()).isEqualTo("jobs.report");
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.getAttributes().get(AttributeKey.stringKey("report.name"))).isEqualTo("weekly");
			assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo(ENGINE_SCOPE);
		});
	}

	@Test
	void scheduledMethodGetsTheEnginesSpanThroughTheAdvisor() {
		this.runner.run((context) -> {
			context.getBean(Jobs.class).tick();

			SpanData span = single();
			assertThat(span.getName()).isEqualTo("Jobs.tick");
			assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo(ENGINE_SCOPE);
		});
	}

	@Test
	void methodsWithoutTheAnnotationsAreNotTraced() {
		this.runner.run((context) -> {
			context.getBean(Jobs.class).plain();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void enginesAnnotationsSwitchLeavesWithSpanOut() {
		this.runner.withPropertyValues("otel.instrumentation.annotations.enabled=false").run((context) -> {
			assertThat(advisedAnnotations(context.getBeansOfType(EngineAnnotationAdvisor.class).values()))
				.containsExactlyInAnyOrder(Scheduled.class, org.springframework.scheduling.annotation.Schedules.class);
			context.getBean(Jobs.class).report("weekly");
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void enginesSchedulingSwitchLeavesScheduledOut() {
		this.runner.withPropertyValues("otel.instrumentation.spring-scheduling.enabled=false").run((context) -> {
			assertThat(advisedAnnotations(context.getBeansOfType(EngineAnnotationAdvisor.class).values()))
				.containsExactly(WithSpan.class);
			context.getBean(Jobs.class).tick();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void enginesCommonDefaultLeavesBothOutUnlessSwitchedOnOneByOne() {
		this.runner
			.withPropertyValues("otel.instrumentation.common.default-enabled=false",
					"otel.instrumentation.annotations.enabled=true")
			.run((context) -> assertThat(
					advisedAnnotations(context.getBeansOfType(EngineAnnotationAdvisor.class).values()))
				.containsExactly(WithSpan.class));
	}

	@Test
	void tracingDisabledLeavesTheAdvisorsOut() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EngineAnnotationAdvisor.class));
	}

	@Test
	void importFilterKeepsOutOnlyTheEnginesAspectConfigurations() {
		String[] candidates = { "io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.annotations.InstrumentationAnnotationsAutoConfiguration",
				"io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.scheduling.SpringSchedulingInstrumentationAutoConfiguration",
				"io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration",
				TracedAutoConfiguration.class.getName() };
		assertThat(new EngineAspectsImportFilter().match(candidates, null)).containsExactly(false, false, true, true);
	}

	private static List<Class<?>> advisedAnnotations(Collection<EngineAnnotationAdvisor> advisors) {
		List<Class<?>> annotations = new ArrayList<>();
		advisors.forEach((advisor) -> annotations.addAll(advisor.getAnnotations()));
		return annotations;
	}

	private SpanData single() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	static class Jobs {

		@WithSpan(value = "jobs.report", kind = SpanKind.CLIENT)
		public String report(@SpanAttribute("report.name") String name) {
			return name + " done";
		}

		@Scheduled(fixedDelay = 60_000, initialDelay = 3_600_000)
		public void tick() {
		}

		public void plain() {
		}

	}

}
