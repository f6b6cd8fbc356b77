package dev.tracing.boot.sampling;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import dev.tracing.boot.internal.ConditionalOnPropertyEntries;
import dev.tracing.boot.pipeline.SamplingRule;
import dev.tracing.boot.pipeline.TracingPipelineAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Sampling: the header rules, as a rule of the root sampler. The ratio reaches the engine as
 * its configured sampler ({@link SamplingEngineSettings}), which the root sampler asks when
 * no rule decides.
 */
@AutoConfiguration(before = TracingPipelineAutoConfiguration.class)
@ConditionalOnTracingEnabled
@EnableConfigurationProperties(SamplingProperties.class)
public final class SamplingAutoConfiguration {

	@Bean
	@Order(SamplingRule.HEADER_RULES)
	@ConditionalOnMissingBean
	@ConditionalOnPropertyEntries("tracing.sampling.header-rules")
	HeaderRulesSamplingRule headerRulesSamplingRule(SamplingProperties properties) {
		return new HeaderRulesSamplingRule(properties.headerRules(), properties.headerOnly());
	}

}
