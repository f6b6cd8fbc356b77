package dev.tracing.boot;

import dev.tracing.boot.engine.EngineSettingsFixture;
import dev.tracing.boot.export.ConfiguredSpanExporters;
import dev.tracing.boot.export.ExportAutoConfiguration;
import dev.tracing.boot.pipeline.RuleBasedSampler;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import dev.tracing.boot.sampling.HeaderRulesSamplingRule;
import dev.tracing.boot.micrometer.MicrometerBridgeAutoConfiguration;
import dev.tracing.boot.sampling.SamplingAutoConfiguration;
import dev.tracing.boot.web.ExcludedUrls;
import dev.tracing.boot.web.ExcludedUrlsSamplingRule;
import dev.tracing.boot.web.WebTracingAutoConfiguration;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ResourceProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-off of the foundation's auto-configurations.
 */
class TracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> EngineSettingsFixture.apply(context.getEnvironment()))
		.withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class, TracingAutoConfiguration.class,
				TracingPipelineAutoConfiguration.class, ExportAutoConfiguration.class, SamplingAutoConfiguration.class,
				WebTracingAutoConfiguration.class, ObservationAutoConfiguration.class,
				MicrometerBridgeAutoConfiguration.class));

	@Test
	void contributesToTheEngineWhenTracingIsOn() {
		this.runner.withPropertyValues("tracing.web.excluded-urls=/health", "tracing.sampling.header-rules[0].header=tracestate",
				"tracing.sampling.header-rules[0].value=checkly=true").run((context) -> {
			assertThat(context).hasSingleBean(TracingProperties.class)
				.hasSingleBean(ExcludedUrls.class)
				.hasSingleBean(KubernetesResourceProvider.class)
				.hasSingleBean(ConfiguredSpanExporters.class)
				.hasSingleBean(HeaderRulesSamplingRule.class)
				.hasSingleBean(ExcludedUrlsSamplingRule.class)
				.hasSingleBean(RuleBasedSampler.class)
				.hasSingleBean(io.micrometer.tracing.Tracer.class);
			assertThat(context.getBean(RuleBasedSampler.class).rules()).extracting(Object::getClass)
				.containsExactly(ExcludedUrlsSamplingRule.class, HeaderRulesSamplingRule.class);
		});
	}

	@Test
	void contributesNothingWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TracingProperties.class)
				.doesNotHaveBean(AutoConfigurationCustomizerProvider.class)
				.doesNotHaveBean(ResourceProvider.class)
				.doesNotHaveBean(io.micrometer.tracing.Tracer.class);
		});
	}

	@Test
	void contributesNothingWhenTheStandardVariableDisablesTheSdk() {
		this.runner.withPropertyValues("otel.sdk.disabled=true").run((context) -> {
			assertThat(context).doesNotHaveBean(TracingProperties.class)
				.doesNotHaveBean(AutoConfigurationCustomizerProvider.class);
		});
	}

	@Test
	void userBeansReplaceOurs() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(ExcludedUrls.class)).isSameAs(context.getBean(UserBeans.class).excludedUrls);
			assertThat(context.getBean(KubernetesResourceProvider.class)).isSameAs(UserBeans.RESOURCE_PROVIDER);
		});
	}

	@Test
	void exportCustomizationBacksOffWithoutTheOtlpExporter() {
		this.runner.withClassLoader(new FilteredClassLoader(OtlpHttpSpanExporter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConfiguredSpanExporters.class)
				.hasSingleBean(RuleBasedSampler.class));
	}

	@Test
	void bridgeBacksOffWithoutMicrometerTracing() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
			.run((context) -> assertThat(context).doesNotHaveBean("micrometerTracer"));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final KubernetesResourceProvider RESOURCE_PROVIDER = new KubernetesResourceProvider(
				new TracingProperties.Kubernetes("ns", "cluster"), new MockEnvironment());

		final ExcludedUrls excludedUrls = new ExcludedUrls(List.of("/mine"));

		@Bean
		ExcludedUrls excludedUrls() {
			return this.excludedUrls;
		}

		@Bean
		KubernetesResourceProvider kubernetesResourceProvider() {
			return RESOURCE_PROVIDER;
		}

	}

}
