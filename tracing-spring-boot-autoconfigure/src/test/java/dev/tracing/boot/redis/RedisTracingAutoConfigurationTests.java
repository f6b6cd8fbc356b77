package dev.tracing.boot.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
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
			ClientResources.Builder builder = DefaultClientResources.builder().tracing(io.lettuce.core.tracing.Tracing.disabled());
			context.getBean(RedisTracingCustomizer.class).customize(builder);
			ClientResources resources = builder.build();
			try {
				assertThat(resources.tracing()).isInstanceOf(LettuceTracing.class);
				assertThat(resources.tracing().isEnabled()).isTrue();
			}
			finally {
				resources.shutdown();
			}
		});
	}

	@Test
	void bindsCaptureArguments() {
		this.runner.withPropertyValues("tracing.redis.capture-arguments=true")
			.run((context) -> assertThat(context.getBean(RedisTracingProperties.class).captureArguments()).isTrue());
	}

	@Test
	void canBeSwitchedOff() {
		this.runner.withPropertyValues("tracing.redis.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientResourcesBuilderCustomizer.class));
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
