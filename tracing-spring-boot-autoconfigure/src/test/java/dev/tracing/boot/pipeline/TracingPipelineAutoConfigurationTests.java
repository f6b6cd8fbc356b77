package dev.tracing.boot.pipeline;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tracing.boot.engine.EngineSettingsFixture;
import dev.tracing.boot.export.ExportAutoConfiguration;
import dev.tracing.boot.redaction.RedactionAutoConfiguration;
import dev.tracing.boot.sampling.SamplingAutoConfiguration;
import dev.tracing.boot.web.WebTracingAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline is assembled in its documented order from beans, each of which the
 * application can replace or add to by declaring a bean of its type.
 */
class TracingPipelineAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> EngineSettingsFixture.apply(context.getEnvironment()))
		.withPropertyValues("tracing.exporter.type=none", "tracing.web.excluded-urls=/health",
				"tracing.sampling.header-rules[0].header=tracestate", "tracing.sampling.header-rules[0].value=checkly=true")
		.withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
				TracingPipelineAutoConfiguration.class, ExportAutoConfiguration.class, RedactionAutoConfiguration.class,
				SamplingAutoConfiguration.class, WebTracingAutoConfiguration.class));

	@Test
	void assemblesTheRootSamplerFromTheRulesInOrderThenTheConfiguredRatio() {
		this.runner.withPropertyValues("tracing.sampling.ratio=0.25").run((context) -> {
			TracingPipeline.Assembly assembly = assembly(context);
			assertThat(assembly.sampler()).isInstanceOf(RuleBasedSampler.class);
			RuleBasedSampler sampler = (RuleBasedSampler) assembly.sampler();
			assertThat(sampler.rules()).extracting(Object::toString)
				.containsExactly("URLs matching /health are not traced",
						"requests with tracestate checkly=true are always traced");
			assertThat(sampler.fallback().getDescription()).startsWith("ParentBased{root:TraceIdRatioBased{0.25");
			assertThat(sdkSampler(context)).isSameAs(sampler);
		});
	}

	@Test
	void aSamplerBeanReplacesTheWholeRootSampler() {
		this.runner.withBean(Sampler.class, Sampler::alwaysOff).run((context) -> {
			assertThat(context).doesNotHaveBean(RuleBasedSampler.class);
			assertThat(sdkSampler(context)).isSameAs(context.getBean(Sampler.class));
		});
	}

	@Test
	void aRuleBeanJoinsTheRulesInItsOrder() {
		this.runner.withUserConfiguration(FirstRule.class).run((context) -> {
			assertThat(context.getBean(RuleBasedSampler.class).rules()).extracting(Object::toString)
				.containsExactly("first of all", "URLs matching /health are not traced",
						"requests with tracestate checkly=true are always traced");
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			Span span = openTelemetry.getTracer("test").spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
			assertThat(span.getSpanContext().isSampled()).as("the rule dropped it").isFalse();
		});
	}

	@Test
	void spanProcessorBeansStagesAndExporterBeansMakeThePipelineInOrder() {
		this.runner.withUserConfiguration(UserPipeline.class).run((context) -> {
			TracingPipeline.Assembly assembly = assembly(context);
			assertThat(assembly.spanProcessors()).containsExactly(context.getBean(UserPipeline.class).processor);
			assertThat(assembly.stages()).extracting(Object::toString)
				.containsExactly("masking", "failure reporting", "tag");
			assertThat(assembly.destinations()).containsOnlyKeys("collectingExporter");
			UserPipeline user = context.getBean(UserPipeline.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			Span span = openTelemetry.getTracer("test").spanBuilder("work").startSpan();
			try (Scope scope = span.makeCurrent()) {
				span.setAttribute("user.password", "hunter2");
			}
			span.end();
			context.getBean(AutoConfiguredOpenTelemetrySdk.class)
				.getOpenTelemetrySdk()
				.getSdkTracerProvider()
				.forceFlush()
				.join(10, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(user.started).containsExactly("work");
			assertThat(user.exported).singleElement().satisfies((exported) -> {
				assertThat(exported.getName()).isEqualTo("work");
				assertThat(exported.getAttributes().asMap().toString()).contains("user.password=[REDACTED]")
					.doesNotContain("hunter2");
			});
		});
	}

	@Test
	void withNothingToExportThereIsNoBatchProcessor() {
		this.runner.run((context) -> {
			TracingPipeline.Assembly assembly = assembly(context);
			assertThat(assembly.destinations()).isEmpty();
			assertThat(assembly.batch()).isNull();
		});
	}

	@Test
	void isAbsentWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracingPipeline.class)
				.doesNotHaveBean(RuleBasedSampler.class));
	}

	private static TracingPipeline.Assembly assembly(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		context.getBean(OpenTelemetry.class);
		TracingPipeline.Assembly assembly = context.getBean(TracingPipeline.class).assembly();
		assertThat(assembly).as("assembled when the SDK was built").isNotNull();
		return assembly;
	}

	private static Sampler sdkSampler(AssertableApplicationContext context) {
		return context.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.getSampler();
	}

	@Configuration(proxyBeanMethods = false)
	static class FirstRule {

		@Bean
		@Order(0)
		SamplingRule firstRule() {
			return new SamplingRule() {

				@Override
				public Decision decide(SamplingRequest request) {
					return "GET".equals(request.name()) ? Decision.DROP : Decision.ABSTAIN;
				}

				@Override
				public String toString() {
					return "first of all";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserPipeline {

		final List<String> started = new CopyOnWriteArrayList<>();

		final List<SpanData> exported = new CopyOnWriteArrayList<>();

		final SpanProcessor processor = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
				UserPipeline.this.started.add(span.getName());
			}

			@Override
			public boolean isStartRequired() {
				return true;
			}

			@Override
			public void onEnd(ReadableSpan span) {
			}

			@Override
			public boolean isEndRequired() {
				return false;
			}

		};

		@Bean
		SpanProcessor userProcessor() {
			return this.processor;
		}

		@Bean
		SpanExportStage tagStage() {
			return new SpanExportStage() {

				@Override
				public SpanExporter around(SpanExporter next) {
					return next;
				}

				@Override
				public String toString() {
					return "tag";
				}

			};
		}

		@Bean
		SpanExporter collectingExporter() {
			return new SpanExporter() {

				@Override
				public CompletableResultCode export(Collection<SpanData> spans) {
					UserPipeline.this.exported.addAll(spans);
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode flush() {
					return CompletableResultCode.ofSuccess();
				}

				@Override
				public CompletableResultCode shutdown() {
					return CompletableResultCode.ofSuccess();
				}

			};
		}

	}

}
