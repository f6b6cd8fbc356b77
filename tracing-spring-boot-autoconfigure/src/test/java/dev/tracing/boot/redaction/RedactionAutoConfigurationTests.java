package dev.tracing.boot.redaction;

import dev.tracing.boot.InvalidTracingPropertyException;
import dev.tracing.boot.export.ExportAutoConfiguration;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RedactionAutoConfiguration.class));

	@Test
	void masksByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(PiiMasker.class).hasSingleBean(SpanRedactor.class);
			assertThat(context.getBean(SensitiveDataMasker.class).mask("to alice@example.com"))
				.isEqualTo("to ***@***.**");
			assertThat(context.getBean("redactingSpanExporterCustomizer", AutoConfigurationCustomizerProvider.class)
				.order()).isEqualTo(RedactionAutoConfiguration.REDACTION_ORDER);
		});
	}

	@Test
	void switchedOffLeavesExportersAloneAndTheMaskerChangesNothing() {
		this.runner.withPropertyValues("tracing.redaction.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("redactingSpanExporterCustomizer");
			assertThat(context.getBean(SensitiveDataMasker.class)).isSameAs(SensitiveDataMasker.NONE);
			assertThat(context.getBean(SpanRedactor.class)).isSameAs(SpanRedactor.NONE);
		});
	}

	@Test
	void absentWhenTracingIsOff() {
		this.runner.withPropertyValues("tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SensitiveDataMasker.class)
				.doesNotHaveBean(SpanRedactor.class));
	}

	@Test
	void backsOffForTheUsersMaskerAndUsesItForSpans() {
		this.runner.withUserConfiguration(UpperCaseMasker.class).run((context) -> {
			assertThat(context).doesNotHaveBean(PiiMasker.class);
			assertThat(context.getBean(SensitiveDataMasker.class)).isInstanceOf(UpperCaseMasker.Masker.class);
			assertThat(context.getBean(SpanRedactor.class).toString()).contains("UpperCaseMasker");
		});
	}

	@Test
	void invalidPatternFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("tracing.redaction.patterns[0].name=customer",
				"tracing.redaction.patterns[0].regex=CUST-[0-9")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(invalidProperty(failure).getProperty())
					.isEqualTo("tracing.redaction.patterns[0].regex")));
	}

	@Test
	void wrapsEveryExporterOutsideTheFailureReporter() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
					ExportAutoConfiguration.class, RedactionAutoConfiguration.class))
			.withPropertyValues("otel.traces.exporter=otlp,logging", "otel.metrics.exporter=none",
					"otel.logs.exporter=none", "otel.exporter.otlp.endpoint=http://127.0.0.1:1")
			.run((context) -> {
				String tracerProvider = context.getBean(AutoConfiguredOpenTelemetrySdk.class)
					.getOpenTelemetrySdk()
					.getSdkTracerProvider()
					.toString();
				assertThat(tracerProvider).contains("RedactingSpanExporter{LoggingSpanExporter")
					.contains("RedactingSpanExporter{ExportFailureReporter{OtlpHttpSpanExporter")
					.doesNotContain("ExportFailureReporter{RedactingSpanExporter");
			});
	}

	private static InvalidTracingPropertyException invalidProperty(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidTracingPropertyException invalid) {
				return invalid;
			}
		}
		throw new AssertionError("No InvalidTracingPropertyException in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UpperCaseMasker {

		@Bean
		SensitiveDataMasker upperCaseMasker() {
			return new Masker();
		}

		static final class Masker implements SensitiveDataMasker {

			@Override
			public String mask(String value) {
				return value.toUpperCase();
			}

			@Override
			public String toString() {
				return "UpperCaseMasker";
			}

		}

	}

}
