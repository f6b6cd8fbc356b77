package dev.tracing.boot.messaging;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingSystemIncubatingValues;

import org.springframework.amqp.rabbit.support.micrometer.RabbitListenerObservation.DefaultRabbitListenerObservationConvention;
import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageReceiverContext;

/**
 * Spring AMQP's listener observation with OpenTelemetry messaging conventions on its span:
 * the name {@code process <queue>} and the {@code messaging.system} and
 * {@code messaging.operation.*} attributes. Metrics keep Spring AMQP's name and tags.
 */
final class RabbitProcessConvention extends DefaultRabbitListenerObservationConvention
		implements GlobalObservationConvention<RabbitMessageReceiverContext> {

	private static final KeyValues PROCESS = KeyValues.of(
			MessagingIncubatingAttributes.MESSAGING_SYSTEM.getKey(), MessagingSystemIncubatingValues.RABBITMQ,
			MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE.getKey(),
			MessagingOperationTypeIncubatingValues.PROCESS,
			MessagingIncubatingAttributes.MESSAGING_OPERATION_NAME.getKey(), "process");

	@Override
	public String getContextualName(RabbitMessageReceiverContext context) {
		return "process " + context.getSource();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RabbitMessageReceiverContext context) {
		return super.getHighCardinalityKeyValues(context).and(PROCESS);
	}

}
