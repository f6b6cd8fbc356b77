package dev.tracing.boot.micrometer;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.micrometer.common.annotation.ValueExpressionResolver;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.aop.ObservationKeyValueAnnotationHandler;
import io.micrometer.observation.aop.ObservedAspect;
import org.aspectj.lang.ProceedingJoinPoint;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

/**
 * Makes {@code @Observed} methods record observations, and through the Micrometer bridge
 * spans, without further configuration. Spring Boot does this only when
 * {@code management.observations.annotations.enabled} is {@code true}, with an AspectJ aspect
 * whose {@code @within} pointcut has AspectJ read the class file of every bean at start-up;
 * here the same {@link ObservedAspect} is applied by a Spring AOP advisor instead. Setting the
 * property to {@code true} uses Spring Boot's aspect (this backs off), {@code false} observes
 * no annotated methods.
 */
@AutoConfiguration(after = { ObservationAutoConfiguration.class, MicrometerBridgeAutoConfiguration.class })
@ConditionalOnTracingEnabled
@ConditionalOnClass({ ObservedAspect.class, ProceedingJoinPoint.class })
@ConditionalOnBooleanProperty(name = "management.observations.annotations.enabled", matchIfMissing = true)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnMissingBean(ObservedAspect.class)
public final class ObservedAnnotationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservedMethodInterceptor observedMethodInterceptor(ObservationRegistry registry,
			ObjectProvider<ObservationKeyValueAnnotationHandler> keyValueHandler,
			ObjectProvider<ValueExpressionResolver> expressionResolver, BeanFactory beanFactory) {
		ObservedAspect aspect = new ObservedAspect(registry);
		aspect.setObservationKeyValueAnnotationHandler(keyValueHandler
			.getIfAvailable(() -> new ObservationKeyValueAnnotationHandler(beanFactory::getBean,
					(type) -> expressionResolver.getIfAvailable(() -> beanFactory.getBean(type)))));
		return new ObservedMethodInterceptor(aspect);
	}

	@Bean
	@ConditionalOnMissingBean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ObservedAdvisor observedAdvisor(ObjectProvider<ObservedMethodInterceptor> interceptor) {
		return new ObservedAdvisor(interceptor::getObject);
	}

}
