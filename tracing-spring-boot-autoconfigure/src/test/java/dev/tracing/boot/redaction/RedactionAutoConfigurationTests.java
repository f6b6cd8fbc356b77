package dev.tracing.boot.redaction;

import java.util.List;

import dev.tracing.boot.InvalidTracingPropertyException;
import dev.tracing.boot.engine.EngineSettingsFixture;
import dev.tracing.boot.export.ExportAutoConfiguration;
import dev.tracing.boot.pipeline.TracingPipeline;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
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
			assertThat(context).hasSingleBean(MaskingStage.class).hasSingleBean(ResourceRedactor.class);
			assertThat(context.getBean(MaskingStage.class)).hasToString("masking");
		});
	}

	@Test
	void switchedOffTheDetectorsFindNothingButSensitiveKeysAreStillMasked() {
		this.runner.withPropertyValues("tracing.redaction.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(MaskingStage.class);
			assertThat(context.getBean(SensitiveDataMasker.class)).isSameAs(SensitiveDataMasker.NONE);
			Attributes masked = context.getBean(SpanRedactor.class)
				.redact(Attributes.builder()
					.put("user.password", "hunter2")
					.put("user.email", "alice@example.com")
					.build());
			assertThat(masked.asMap()).extractingFromEntries((entry) -> entry.getKey().getKey() + "=" + entry.getValue())
				.containsExactlyInAnyOrder("user.password=[REDACTED]", "user.email=alice@example.com");
		});
	}

	@Test
	void theSensitiveKeysAreABeanOfTheirOwnThatTheUserCanReplace() {
		this.runner.withPropertyValues("tracing.redaction.sensitive-keys=pin,*_code").run((context) -> {
			SensitiveKeys keys = context.getBean(SensitiveKeys.class);
			assertThat(keys.matches("PIN")).isTrue();
			assertThat(keys.matches("promo_code")).isTrue();
			assertThat(keys.matches("password")).as("the list replaces the defaults").isFalse();
		});
		this.runner.withBean(SensitiveKeys.class, () -> new SensitiveKeys(List.of("internal_*")))
			.run((context) -> assertThat(context.getBean(SpanRedactor.class)
				.redact(Attributes.of(
						AttributeKey.stringKey("internal_ref"), "x"))
				.get(AttributeKey.stringKey("internal_ref"))).isEqualTo("[REDACTED]"));
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
	void masksEverySpanBeforeFailureReportingAndEveryDestination() {
		new ApplicationContextRunner()
			.withInitializer((context) -> EngineSettingsFixture.apply(context.getEnvironment()))
			.withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
					TracingPipelineAutoConfiguration.class, ExportAutoConfiguration.class,
					RedactionAutoConfiguration.class))
			.withPropertyValues("otel.traces.exporter=otlp,logging", "otel.exporter.otlp.endpoint=http://127.0.0.1:1")
			.run((context) -> {
				TracingPipeline.Assembly assembly = context.getBean(TracingPipeline.class).assembly();
				assertThat(assembly.stages()).extracting(Object::toString)
					.containsExactly("masking", "failure reporting");
				assertThat(assembly.destinations()).containsOnlyKeys("otlp", "logging");
				String tracerProvider = context.getBean(AutoConfiguredOpenTelemetrySdk.class)
					.getOpenTelemetrySdk()
					.getSdkTracerProvider()
					.toString();
				assertThat(tracerProvider).contains("RedactingSpanExporter{ExportFailureReporter{")
					.contains("OtlpHttpSpanExporter")
					.contains("LoggingSpanExporter")
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
