package dev.tracing.boot.export;

import dev.tracing.boot.engine.EngineSettingsFixture;
import dev.tracing.boot.pipeline.BatchQueueStatistics;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ExportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer((context) -> EngineSettingsFixture.apply(context.getEnvironment()))
		.withConfiguration(
				AutoConfigurations.of(TracingPipelineAutoConfiguration.class, ExportAutoConfiguration.class));

	@Test
	void contributesTheConfiguredExportersAndTheFailureReportingStage() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ConfiguredSpanExporters.class).hasSingleBean(ExportFailureReporting.class);
			assertThat(context.getBean(ConfiguredSpanExporters.class).names()).containsExactly("otlp");
		});
	}

	@Test
	void theExportersAreTheOnesTheApplicationAsksFor() {
		this.runner.withPropertyValues("tracing.exporter.type=logging")
			.run((context) -> assertThat(context.getBean(ConfiguredSpanExporters.class).names())
				.containsExactly("logging"));
		this.runner.withPropertyValues("tracing.exporter.type=logging", "otel.traces.exporter=otlp,logging")
			.run((context) -> assertThat(context.getBean(ConfiguredSpanExporters.class).names())
				.as("the standard setting wins").containsExactly("otlp", "logging"));
		this.runner.withPropertyValues("tracing.exporter.type=none")
			.run((context) -> assertThat(context.getBean(ConfiguredSpanExporters.class).names()).isEmpty());
	}

	@Test
	void anOtlpExporterBeanOfTheApplicationReplacesTheConfiguredOne() {
		this.runner.withBean(OtlpHttpSpanExporter.class, () -> OtlpHttpSpanExporter.builder().build())
			.run((context) -> assertThat(context.getBean(ConfiguredSpanExporters.class).names()).isEmpty());
	}

	@Test
	void backsOffWhenTheUserDefinesTheFailureReporting() {
		ExportFailureReporting own = new ExportFailureReporting(() -> "mine", new BatchQueueStatistics(), () -> "mine");
		this.runner.withBean(ExportFailureReporting.class, () -> own)
			.run((context) -> assertThat(context.getBean(ExportFailureReporting.class)).isSameAs(own));
	}

	@Test
	void isAbsentWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConfiguredSpanExporters.class)
				.doesNotHaveBean(ExportFailureReporting.class));
	}

}
