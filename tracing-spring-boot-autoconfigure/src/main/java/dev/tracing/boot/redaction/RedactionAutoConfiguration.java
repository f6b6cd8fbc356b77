package dev.tracing.boot.redaction;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Masks personal data and secrets before they leave the process: wraps each span exporter
 * the SDK builds (OTLP, logging, and any other configured exporter) in a
 * {@link RedactingSpanExporter}, and masks the resource once when the SDK is built. Exposes
 * the {@link SensitiveDataMasker} and the {@link SensitiveKeys} for features that capture
 * values themselves and the {@link SpanRedactor} for features that export spans by another
 * way. With {@code tracing.redaction.enabled=false} the content detectors are off; values
 * of sensitive keys are still masked.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(RedactionProperties.class)
public final class RedactionAutoConfiguration {

	/**
	 * Position among the SDK customizers: last, so that masking wraps whatever the other
	 * exporter customizers built (failure reporting, composites with other exporters) and
	 * sees the resource every other customizer contributed.
	 */
	public static final int REDACTION_ORDER = Integer.MAX_VALUE - 100;

	@Bean
	@ConditionalOnMissingBean
	SensitiveDataMasker sensitiveDataMasker(RedactionProperties properties) {
		return properties.enabled() ? PiiMasker.of(properties) : SensitiveDataMasker.NONE;
	}

	@Bean
	@ConditionalOnMissingBean
	SensitiveKeys sensitiveKeys(RedactionProperties properties) {
		return properties.sensitiveKeyMatcher();
	}

	@Bean
	@ConditionalOnMissingBean
	SpanRedactor spanRedactor(SensitiveDataMasker masker, SensitiveKeys sensitiveKeys,
			RedactionProperties properties) {
		return new SpanRedactor(masker, properties.dropAttributes(), properties.exemptAttributes(), sensitiveKeys);
	}

	@Bean
	@ConditionalOnMissingBean
	ResourceRedactor resourceRedactor(SpanRedactor spanRedactor, SensitiveDataMasker masker,
			RedactionProperties properties) {
		return ResourceRedactor.of(spanRedactor, masker, properties);
	}

	@Bean
	@ConditionalOnMissingBean(name = "redactingSpanExporterCustomizer")
	AutoConfigurationCustomizerProvider redactingSpanExporterCustomizer(SpanRedactor redactor,
			ResourceRedactor resourceRedactor) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				customizer.addResourceCustomizer((resource, config) -> resourceRedactor.redact(resource));
				customizer.addSpanExporterCustomizer((exporter, config) -> new RedactingSpanExporter(exporter, redactor));
			}

			@Override
			public int order() {
				return REDACTION_ORDER;
			}

		};
	}

}
