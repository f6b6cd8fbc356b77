package dev.tracing.boot.sampling;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Installs the header-rule sampler in front of the ratio sampler that the engine builds
 * from {@code tracing.sampling.ratio} (or {@code OTEL_TRACES_SAMPLER}).
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(SamplingProperties.class)
public final class SamplingAutoConfiguration {

	/** Position among the SDK customizers: after the engine's own, before URL exclusion. */
	static final int ORDER = 100;

	@Bean
	@ConditionalOnMissingBean(name = "headerRuleSamplerCustomizer")
	AutoConfigurationCustomizerProvider headerRuleSamplerCustomizer(SamplingProperties properties) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				if (!properties.headerRules().isEmpty()) {
					customizer.addSamplerCustomizer((configured, config) -> new HeaderRuleSampler(
							properties.headerRules(), properties.headerOnly(), configured));
				}
			}

			@Override
			public int order() {
				return ORDER;
			}

		};
	}

}
