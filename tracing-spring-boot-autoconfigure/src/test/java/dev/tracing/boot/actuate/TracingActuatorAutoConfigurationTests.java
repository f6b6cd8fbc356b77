package dev.tracing.boot.actuate;

import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TracingActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EndpointAutoConfiguration.class, TracingPipelineAutoConfiguration.class,
					TracingActuatorAutoConfiguration.class));

	@Test
	void providesTheEndpointWhenExposedAndTheHealthContributor() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=tracing").run((context) -> {
			assertThat(context).hasSingleBean(TracingEndpoint.class);
			assertThat(context).hasSingleBean(ExportStatistics.class);
			assertThat(context).hasBean("tracingHealthIndicator");
			assertThat(context).hasSingleBean(CountingStage.class);
		});
	}

	@Test
	void leavesTheEndpointOutWhenItIsNotExposed() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(TracingEndpoint.class);
			assertThat(context).hasBean("tracingHealthIndicator");
		});
	}

	@Test
	void leavesTheHealthContributorOutWhenDisabled() {
		this.runner.withPropertyValues("management.health.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("tracingHealthIndicator"));
	}

	@Test
	void isAbsentWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=tracing")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TracingEndpoint.class);
				assertThat(context).doesNotHaveBean(ExportStatistics.class);
			});
	}

	@Test
	void isAbsentWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false", "management.endpoints.web.exposure.include=tracing")
			.run((context) -> assertThat(context).doesNotHaveBean(ExportStatistics.class));
	}

}
