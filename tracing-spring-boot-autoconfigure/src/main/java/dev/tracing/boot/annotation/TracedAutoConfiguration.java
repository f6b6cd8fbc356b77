package dev.tracing.boot.annotation;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Spans for {@link Traced @Traced} methods, through an infrastructure advisor that the
 * auto-proxy creator of Spring Boot's AOP auto-configuration applies, with or without
 * AspectJ on the classpath. A method the engine already traces ({@code @WithSpan},
 * {@code @Scheduled}) keeps the engine's single span.
 */
@AutoConfiguration(after = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnBooleanProperty(name = "tracing.traced.enabled", matchIfMissing = true)
@ConditionalOnBean(OpenTelemetry.class)
@EnableConfigurationProperties(TracedProperties.class)
public final class TracedAutoConfiguration {

	/** Instrumentation scope of {@code @Traced} spans. */
	static final String INSTRUMENTATION_SCOPE = "dev.tracing.traced";

	@Bean
	@ConditionalOnMissingBean
	TracedMethodInterceptor tracedMethodInterceptor(OpenTelemetry openTelemetry, TracedProperties properties,
			ListableBeanFactory beanFactory) {
		return new TracedMethodInterceptor(openTelemetry.getTracer(INSTRUMENTATION_SCOPE),
				new TracedMethods(properties.codeAttributes(), MethodsTracedByEngine.in(beanFactory)));
	}

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static TracedAdvisor tracedAdvisor(ObjectProvider<TracedMethodInterceptor> interceptor) {
		return new TracedAdvisor(interceptor::getObject);
	}

}
