package dev.tracing.boot.messaging;

import dev.tracing.boot.engine.EngineSettings;
import dev.tracing.boot.engine.EngineSettingsContributor;

import org.springframework.core.annotation.Order;

/**
 * {@code tracing.messaging.*} for Spring AMQP: it propagates the trace context through
 * message headers only while it records observations, which the Micrometer bridge turns
 * into spans.
 */
@Order(400)
final class MessagingEngineSettings implements EngineSettingsContributor {

	@Override
	public void contribute(EngineSettings settings) {
		if (settings.bind("tracing.messaging", MessagingTracingProperties.class).enabled()) {
			settings.put("spring.rabbitmq.template.observation-enabled", "true");
			settings.put("spring.rabbitmq.listener.simple.observation-enabled", "true");
			settings.put("spring.rabbitmq.listener.direct.observation-enabled", "true");
			settings.put("spring.rabbitmq.listener.stream.observation-enabled", "true");
		}
	}

}
