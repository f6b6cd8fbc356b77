package dev.tracing.boot.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracing of messages sent and received through a broker.
 *
 * @param enabled Whether RabbitTemplate sends and @RabbitListener deliveries produce PRODUCER
 * and CONSUMER spans and carry the trace context in the message headers, so that a listener
 * continues the sender's trace. Turns on Spring AMQP's observations
 * (spring.rabbitmq.template.observation-enabled and
 * spring.rabbitmq.listener.*.observation-enabled) unless those are set explicitly.
 */
@ConfigurationProperties("tracing.messaging")
public record MessagingTracingProperties(@DefaultValue("true") boolean enabled) {

}
