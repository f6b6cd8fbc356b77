package dev.tracing.boot.micrometer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.observation.aop.ObservedAspect;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ObservedAnnotationAutoConfigurationTests {

	private final List<String> observed = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, ObservationAutoConfiguration.class,
				ObservedAnnotationAutoConfiguration.class))
		.withBean(ObservationHandler.class, () -> new RecordingHandler(this.observed))
		.withBean(Inventory.class);

	@Test
	void observesAnnotatedMethodsByDefaultWithoutAnAspectBean() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ObservedAdvisor.class).doesNotHaveBean(ObservedAspect.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Inventory.class))).isTrue();
			context.getBean(Inventory.class).check();
			assertThat(this.observed).containsExactly("inventory.check");
		});
	}

	@Test
	void propertySetToTrueLeavesItToSpringBootsAspect() {
		this.runner.withPropertyValues("management.observations.annotations.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(ObservedAspect.class).doesNotHaveBean(ObservedAdvisor.class);
			context.getBean(Inventory.class).check();
			assertThat(this.observed).as("one observation, not one per aspect").containsExactly("inventory.check");
		});
	}

	@Test
	void propertySetToFalseObservesNothing() {
		this.runner.withPropertyValues("management.observations.annotations.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ObservedAdvisor.class).doesNotHaveBean(ObservedAspect.class);
			context.getBean(Inventory.class).check();
			assertThat(this.observed).isEmpty();
		});
	}

	@Test
	void tracingDisabledLeavesTheAdvisorOut() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ObservedAdvisor.class));
	}

	@Test
	void withoutAspectJTheAdvisorIsLeftOut() {
		this.runner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ObservedAdvisor.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheInterceptor() {
		ObservedMethodInterceptor own = new ObservedMethodInterceptor(new ObservedAspect());
		this.runner.withBean("ownInterceptor", ObservedMethodInterceptor.class, () -> own)
			.run((context) -> assertThat(context).getBean(ObservedMethodInterceptor.class).isSameAs(own));
	}

	static class Inventory {

		@Observed(name = "inventory.check")
		public boolean check() {
			return true;
		}

	}

	record RecordingHandler(List<String> names) implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			this.names.add(context.getName());
		}

	}

}
