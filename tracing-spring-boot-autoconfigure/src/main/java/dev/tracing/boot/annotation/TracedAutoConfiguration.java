package dev.tracing.boot.annotation;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import org.aspectj.lang.annotation.Aspect;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spans for {@link Traced @Traced} methods, through an aspect that Spring Boot's AOP
 * auto-configuration applies to every bean. A method the engine already traces
 * ({@code @WithSpan}, {@code @Scheduled}) keeps the engine's single span.
 */
@AutoConfiguration(after = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass(Aspect.class)
@ConditionalOnBooleanProperty(name = "tracing.traced.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(TracedProperties.class)
public final class TracedAutoConfiguration {

	/** Instrumentation scope of {@code @Traced} spans. */
	static final String INSTRUMENTATION_SCOPE = "dev.tracing.traced";

	@Bean
	@ConditionalOnMissingBean
	TracedAspect tracedAspect(OpenTelemetry openTelemetry, TracedProperties properties,
			ListableBeanFactory beanFactory) {
		return new TracedAspect(openTelemetry.getTracer(INSTRUMENTATION_SCOPE),
				new TracedMethods(properties.codeAttributes(), MethodsTracedByEngine.in(beanFactory)));
	}

}
