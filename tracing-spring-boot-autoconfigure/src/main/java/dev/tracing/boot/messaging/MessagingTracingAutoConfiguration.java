package dev.tracing.boot.messaging;

import dev.tracing.boot.ConditionalOnTracingEnabled;
import io.micrometer.observation.GlobalObservationConvention;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Messages carry the trace from sender to listener. Spring AMQP's own observations do the
 * propagation (switched on by {@link dev.tracing.boot.engine.EngineSettings} when
 * {@code tracing.messaging.enabled} is true) and the Micrometer bridge turns them into
 * PRODUCER and CONSUMER spans; this configuration names those spans and adds the messaging
 * attributes of the OpenTelemetry semantic conventions. Kafka needs none of this: the engine
 * instruments Kafka clients itself.
 */
@AutoConfiguration
@ConditionalOnTracingEnabled
@ConditionalOnBooleanProperty(name = "tracing.messaging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MessagingTracingProperties.class)
public final class MessagingTracingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RabbitTemplate.class, GlobalObservationConvention.class })
	static class RabbitConventionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RabbitSendConvention rabbitSendConvention() {
			return new RabbitSendConvention();
		}

		@Bean
		@ConditionalOnMissingBean
		RabbitProcessConvention rabbitProcessConvention() {
			return new RabbitProcessConvention();
		}

	}

}
