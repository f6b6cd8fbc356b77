package dev.tracing.boot.annotation;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import org.aspectj.lang.ProceedingJoinPoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;

/**
 * The engine's tracing of {@code @WithSpan} methods and {@code @Scheduled} runs, applied by
 * Spring AOP advisors instead of the AspectJ aspects the engine registers: their
 * {@code @annotation} pointcuts have AspectJ match every method of every bean at start-up
 * (about half a second in the sample service). The spans are unchanged, the engine's aspect
 * classes still make them; {@link EngineAspectsImportFilter} keeps the engine's own
 * registration out. The engine's switches {@code otel.instrumentation.annotations.enabled} and
 * {@code otel.instrumentation.spring-scheduling.enabled} (default
 * {@code otel.instrumentation.common.default-enabled}) apply as before.
 */
@AutoConfiguration(after = OpenTelemetryAutoConfiguration.class)
@ConditionalOnTracingEnabled
@ConditionalOnClass(ProceedingJoinPoint.class)
@ConditionalOnBean(OpenTelemetry.class)
public final class EngineAnnotationsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WithSpan.class)
	@ConditionalOnExpression("${otel.instrumentation.annotations.enabled:${otel.instrumentation.common.default-enabled:true}}")
	static final class WithSpanConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static EngineAnnotationAdvisor withSpanAdvisor(ObjectProvider<OpenTelemetry> openTelemetry) {
			return new EngineAnnotationAdvisor(() -> EngineAspectInterceptor.withSpan(openTelemetry.getObject()),
					WithSpan.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Scheduled.class)
	@ConditionalOnExpression("${otel.instrumentation.spring-scheduling.enabled:${otel.instrumentation.common.default-enabled:true}}")
	static final class ScheduledConfiguration {

		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static EngineAnnotationAdvisor scheduledAdvisor(ObjectProvider<OpenTelemetry> openTelemetry) {
			return new EngineAnnotationAdvisor(() -> EngineAspectInterceptor.scheduled(openTelemetry.getObject()),
					Scheduled.class, Schedules.class);
		}

	}

}
