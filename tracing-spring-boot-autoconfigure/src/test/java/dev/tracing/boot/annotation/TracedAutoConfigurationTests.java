package dev.tracing.boot.annotation;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TracedAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void createsTheAdvisorAndItsInterceptor() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TracedAdvisor.class)
			.hasSingleBean(TracedMethodInterceptor.class));
	}

	@Test
	void tracedEnabledFalseLeavesTheAdvisorOut() {
		this.runner.withPropertyValues("tracing.traced.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAdvisor.class)
				.doesNotHaveBean(TracedMethodInterceptor.class));
	}

	@Test
	void tracingDisabledLeavesTheAdvisorOut() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAdvisor.class));
	}

	@Test
	void withoutTheEngineTheAdvisorIsLeftOut() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAdvisor.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheInterceptor() {
		TracedMethodInterceptor own = new TracedMethodInterceptor(OpenTelemetry.noop().getTracer("own"),
				new TracedMethods(false, (method) -> false));
		this.runner.withBean("ownInterceptor", TracedMethodInterceptor.class, () -> own)
			.run((context) -> assertThat(context).getBean(TracedMethodInterceptor.class).isSameAs(own));
	}

	@Test
	void tracesThroughBootsAutoProxyingWithAspectJ() {
		assertOneSpanPerTracedCall(TracedAutoConfigurationTests.class.getClassLoader());
	}

	@Test
	void tracesThroughBootsAutoProxyingWithoutAspectJ() {
		assertOneSpanPerTracedCall(new FilteredClassLoader("org.aspectj"));
	}

	private void assertOneSpanPerTracedCall(ClassLoader classLoader) {
		InMemorySpanExporter exporter = InMemorySpanExporter.create();
		OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
			.build();
		new ApplicationContextRunner().withClassLoader(classLoader)
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, TracedAutoConfiguration.class))
			.withBean(OpenTelemetry.class, () -> sdk)
			.withBean(Shipping.class)
			.withBean(Untraced.class)
			.run((context) -> {
				context.getBean(Shipping.class).ship();
				context.getBean(Shipping.class).estimate();
				List<SpanData> spans = exporter.getFinishedSpanItems();
				assertThat(spans).extracting(SpanData::getName).containsExactly("Shipping.ship");
				assertThat(AopUtils.isAopProxy(context.getBean(Untraced.class))).isFalse();
			});
		sdk.close();
	}

	public static class Shipping {

		@Traced
		public void ship() {
		}

		public void estimate() {
		}

	}

	public static class Untraced {

		public void run() {
		}

	}

}
