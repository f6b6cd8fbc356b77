package dev.tracing.boot.jdbc;

import java.time.Duration;

import dev.tracing.boot.InvalidTracingPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcTracingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcTracingAutoConfiguration.class));

	@Test
	void defaults() {
		this.runner.run((context) -> {
			JdbcTracingProperties properties = context.getBean(JdbcTracingProperties.class);
			assertThat(properties.captureParameters()).isFalse();
			assertThat(properties.sqlCommenter()).isFalse();
			assertThat(properties.slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.nPlusOneThreshold()).isEqualTo(10);
			assertThat(properties.traceStartupStatements()).isFalse();
			assertThat(context).hasSingleBean(DatabaseSpanProcessor.class).hasSingleBean(StartupStatements.class);
		});
	}

	@Test
	void bindsEveryProperty() {
		this.runner
			.withPropertyValues("tracing.jdbc.capture-parameters=true", "tracing.jdbc.sql-commenter=true",
					"tracing.jdbc.slow-query-threshold=2s", "tracing.jdbc.n-plus-one-threshold=0",
					"tracing.jdbc.trace-startup-statements=true")
			.run((context) -> {
				JdbcTracingProperties properties = context.getBean(JdbcTracingProperties.class);
				assertThat(properties.captureParameters()).isTrue();
				assertThat(properties.sqlCommenter()).isTrue();
				assertThat(properties.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.detectsRepeatedStatements()).isFalse();
				assertThat(properties.traceStartupStatements()).isTrue();
				assertThat(context).as("start-up statements are traced: no rule drops them")
					.doesNotHaveBean(StartupStatements.class);
			});
	}

	@Test
	void zeroTurnsTheChecksOff() {
		JdbcTracingProperties off = new JdbcTracingProperties(false, false, Duration.ZERO, 0, false);
		assertThat(off.reportsSlowStatements()).isFalse();
		assertThat(off.detectsRepeatedStatements()).isFalse();
	}

	@Test
	void negativeSlowQueryThresholdFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tracing.jdbc.slow-query-threshold=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTracingPropertyException.class)
				.hasMessageContaining("tracing.jdbc.slow-query-threshold"));
	}

	@Test
	void nPlusOneThresholdOfOneFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tracing.jdbc.n-plus-one-threshold=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTracingPropertyException.class)
				.hasMessageContaining("tracing.jdbc.n-plus-one-threshold")
				.satisfies((ex) -> assertThat(((InvalidTracingPropertyException) ex).getFix())
					.contains("0 to turn N+1 detection off")));
	}

	@Test
	void backsOffWhenTheUserDefinesTheProcessor() {
		this.runner.withUserConfiguration(UserProcessor.class)
			.run((context) -> assertThat(context.getBean(DatabaseSpanProcessor.class)).isSameAs(UserProcessor.INSTANCE));
	}

	@Test
	void aContextThatNoSpringApplicationStartedIsReadyOnceRefreshed() {
		this.runner.run((context) -> assertThat(context.getBean(StartupStatements.class).isReady()).isTrue());
	}

	@Test
	void isAbsentWhenTracingIsDisabled() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseSpanProcessor.class)
				.doesNotHaveBean(StartupStatements.class));
		this.runner.withPropertyValues("otel.sdk.disabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseSpanProcessor.class)
				.doesNotHaveBean(StartupStatements.class));
	}

	@Test
	void isAbsentWithoutTheEngineJdbcInstrumentation() {
		this.runner.withClassLoader(new FilteredClassLoader("io.opentelemetry.instrumentation.jdbc"))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabaseSpanProcessor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserProcessor {

		static final DatabaseSpanProcessor INSTANCE = new DatabaseSpanProcessor(new StatementSanitizer(), true, null,
				null);

		@Bean
		DatabaseSpanProcessor databaseSpanProcessor() {
			return INSTANCE;
		}

	}

}
