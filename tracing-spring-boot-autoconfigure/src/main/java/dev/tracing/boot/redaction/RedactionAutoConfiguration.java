package dev.tracing.boot.redaction;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.pipeline.SpanExportStage;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Masks personal data and secrets before they leave the process: the masking stage of the
 * export chain ({@link MaskingStage}, every span, whatever exporter it goes to) and the
 * {@link ResourceRedactor} the pipeline applies to the resource once. Exposes the
 * {@link SensitiveDataMasker} and the {@link SensitiveKeys} for features that capture values
 * themselves and the {@link SpanRedactor} for features that receive spans by another way.
 * With {@code tracing.redaction.enabled=false} the content detectors are off; values of
 * sensitive keys are still masked.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class)
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(RedactionProperties.class)
public final class RedactionAutoConfiguration {

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
	@Order(SpanExportStage.MASKING)
	@ConditionalOnMissingBean
	MaskingStage maskingStage(SpanRedactor redactor) {
		return new MaskingStage(redactor);
	}

}
