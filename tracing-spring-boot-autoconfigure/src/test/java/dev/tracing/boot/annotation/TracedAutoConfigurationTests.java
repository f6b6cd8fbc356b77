package dev.tracing.boot.annotation;

import io.opentelemetry.api.OpenTelemetry;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TracedAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
		.withBean(OpenTelemetry.class, OpenTelemetry::noop);

	@Test
	void createsTheAspect() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TracedAspect.class));
	}

	@Test
	void tracedEnabledFalseLeavesTheAspectOut() {
		this.runner.withPropertyValues("tracing.traced.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAspect.class));
	}

	@Test
	void tracingDisabledLeavesTheAspectOut() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAspect.class));
	}

	@Test
	void withoutAspectJTheAspectIsLeftOut() {
		this.runner.withClassLoader(new FilteredClassLoader(Aspect.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAspect.class));
	}

	@Test
	void withoutTheEngineTheAspectIsLeftOut() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TracedAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(TracedAspect.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheAspect() {
		TracedAspect own = new TracedAspect(OpenTelemetry.noop().getTracer("own"),
				new TracedMethods(false, (method) -> false));
		this.runner.withBean("ownAspect", TracedAspect.class, () -> own)
			.run((context) -> assertThat(context).getBean(TracedAspect.class).isSameAs(own));
	}

}
