package dev.tracing.boot.redaction;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Masks personal data and secrets in every span before it is exported: wraps each span
 * exporter the SDK builds (OTLP, logging, and any other configured exporter) in a
 * {@link RedactingSpanExporter}, and exposes the {@link SensitiveDataMasker} for features
 * that capture values themselves and the {@link SpanRedactor} for features that export
 * spans by another way. With {@code tracing.redaction.enabled=false} both beans remain,
 * and change nothing.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(RedactionProperties.class)
public final class RedactionAutoConfiguration {

	/**
	 * Position among the SDK customizers: last, so that masking wraps whatever the other
	 * exporter customizers built (failure reporting, composites with other exporters).
	 */
	public static final int REDACTION_ORDER = Integer.MAX_VALUE - 100;

	@Bean
	@ConditionalOnMissingBean
	SensitiveDataMasker sensitiveDataMasker(RedactionProperties properties) {
		return properties.enabled() ? PiiMasker.of(properties) : SensitiveDataMasker.NONE;
	}

	@Bean
	@ConditionalOnMissingBean
	SpanRedactor spanRedactor(SensitiveDataMasker masker, RedactionProperties properties) {
		return properties.enabled() ? SpanRedactor.of(masker, properties) : SpanRedactor.NONE;
	}

	@Bean
	@ConditionalOnMissingBean(name = "redactingSpanExporterCustomizer")
	@ConditionalOnBooleanProperty(name = "tracing.redaction.enabled", matchIfMissing = true)
	AutoConfigurationCustomizerProvider redactingSpanExporterCustomizer(SpanRedactor redactor) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				customizer.addSpanExporterCustomizer((exporter, config) -> new RedactingSpanExporter(exporter, redactor));
			}

			@Override
			public int order() {
				return REDACTION_ORDER;
			}

		};
	}

}
