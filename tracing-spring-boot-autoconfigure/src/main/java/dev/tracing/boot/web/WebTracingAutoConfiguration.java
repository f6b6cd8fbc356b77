package dev.tracing.boot.web;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Incoming HTTP requests: URL exclusion. The engine's servlet filter makes the server
 * spans; this configuration decides which requests it may not trace.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(WebTracingProperties.class)
public final class WebTracingAutoConfiguration {

	/** Position among the SDK customizers: last, so exclusion wins over every other rule. */
	static final int EXCLUSION_ORDER = 200;

	@Bean
	@ConditionalOnMissingBean
	ExcludedUrls excludedUrls(WebTracingProperties properties) {
		return new ExcludedUrls(properties.excludedUrls());
	}

	@Bean
	@ConditionalOnMissingBean(name = "excludedUrlSamplerCustomizer")
	AutoConfigurationCustomizerProvider excludedUrlSamplerCustomizer(ExcludedUrls excludedUrls) {
		return new AutoConfigurationCustomizerProvider() {

			@Override
			public void customize(AutoConfigurationCustomizer customizer) {
				if (!excludedUrls.isEmpty()) {
					customizer.addSamplerCustomizer(
							(configured, config) -> new ExcludedUrlSampler(excludedUrls, configured));
				}
			}

			@Override
			public int order() {
				return EXCLUSION_ORDER;
			}

		};
	}

}
