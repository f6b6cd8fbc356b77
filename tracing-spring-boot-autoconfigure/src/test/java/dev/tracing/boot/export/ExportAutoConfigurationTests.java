package dev.tracing.boot.export;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ExportAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExportAutoConfiguration.class));

	@Test
	void reportsFailedExportsAndDroppedSpans() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("otlpExportCustomizer");
			assertThat(context).hasBean("droppedSpansReporterCustomizer");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesTheDropReporter() {
		AutoConfigurationCustomizerProvider own = (customizer) -> {
		};
		this.runner.withBean("droppedSpansReporterCustomizer", AutoConfigurationCustomizerProvider.class, () -> own)
			.run((context) -> assertThat(context.getBean("droppedSpansReporterCustomizer")).isSameAs(own));
	}

	@Test
	void isAbsentWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("droppedSpansReporterCustomizer"));
	}

}
