package dev.tracing.boot.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RedisTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedisTracingAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void installsLettuceTracingInTheClientResources() {
		this.runner.run((context) -> {
			assertThat(context.getBean(RedisTracingProperties.class).captureArguments()).isFalse();
			Tracing tracing = tracingAfterCustomizing(context.getBean(RedisTracingCustomizer.class));
			assertThat(tracing).isInstanceOf(LettuceTracing.class);
			assertThat(tracing.isEnabled()).isTrue();
		});
	}

	@Test
	void bindsCaptureArguments() {
		this.runner.withPropertyValues("tracing.redis.capture-arguments=true")
			.run((context) -> assertThat(context.getBean(RedisTracingProperties.class).captureArguments()).isTrue());
	}

	@Test
	void switchedOffItReplacesAnyOtherTracingWithNone() {
		this.runner.withPropertyValues("tracing.redis.enabled=false").run((context) -> {
			Tracing tracing = tracingAfterCustomizing(context.getBean(RedisTracingCustomizer.class));
			assertThat(tracing).isNotInstanceOf(LettuceTracing.class);
			assertThat(tracing.isEnabled()).isFalse();
		});
	}

	/** Applies the customizer after another one installed some other tracing. */
	private static Tracing tracingAfterCustomizing(RedisTracingCustomizer customizer) {
		ClientResources.Builder builder = DefaultClientResources.builder()
			.tracing(LettuceTracing.create(OpenTelemetry.noop(), true));
		customizer.customize(builder);
		ClientResources resources = builder.build();
		try {
			return resources.tracing();
		}
		finally {
			resources.shutdown();
		}
	}

	@Test
	void isAbsentWhenTracingIsDisabled() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientResourcesBuilderCustomizer.class));
	}

	@Test
	void isAbsentWithoutLettuce() {
		this.runner.withClassLoader(new FilteredClassLoader("io.lettuce"))
			.run((context) -> assertThat(context).doesNotHaveBean("redisTracingCustomizer"));
	}

	@Test
	void backsOffWhenTheUserDefinesTheCustomizer() {
		this.runner.withUserConfiguration(UserCustomizer.class)
			.run((context) -> assertThat(context).getBean("redisTracingCustomizer")
				.isNotInstanceOf(RedisTracingCustomizer.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserCustomizer {

		@Bean
		ClientResourcesBuilderCustomizer redisTracingCustomizer() {
			return (builder) -> {
			};
		}

	}

}
