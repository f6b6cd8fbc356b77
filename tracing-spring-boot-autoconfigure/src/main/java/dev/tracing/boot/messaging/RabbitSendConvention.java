package dev.tracing.boot.messaging;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.GlobalObservationConvention;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingOperationTypeIncubatingValues;
import io.opentelemetry.semconv.incubating.MessagingIncubatingAttributes.MessagingSystemIncubatingValues;

import org.springframework.amqp.rabbit.support.micrometer.RabbitMessageSenderContext;
import org.springframework.amqp.rabbit.support.micrometer.RabbitTemplateObservation.DefaultRabbitTemplateObservationConvention;

/**
 * Spring AMQP's send observation with OpenTelemetry messaging conventions on its span: the
 * name {@code send <exchange>} ({@code send <queue>} through the default exchange, where the
 * routing key is the queue) and the {@code messaging.system} and {@code messaging.operation.*}
 * attributes. Metrics keep Spring AMQP's name and tags: the
 * added values are high-cardinality, which only spans record.
 */
final class RabbitSendConvention extends DefaultRabbitTemplateObservationConvention
		implements GlobalObservationConvention<RabbitMessageSenderContext> {

	private static final KeyValues SEND = KeyValues.of(
			MessagingIncubatingAttributes.MESSAGING_SYSTEM.getKey(), MessagingSystemIncubatingValues.RABBITMQ,
			MessagingIncubatingAttributes.MESSAGING_OPERATION_TYPE.getKey(), MessagingOperationTypeIncubatingValues.SEND,
			MessagingIncubatingAttributes.MESSAGING_OPERATION_NAME.getKey(), "send");

	@Override
	public String getContextualName(RabbitMessageSenderContext context) {
		String exchange = context.getExchange();
		return "send " + ((exchange == null || exchange.isEmpty()) ? context.getRoutingKey() : exchange);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RabbitMessageSenderContext context) {
		return super.getHighCardinalityKeyValues(context).and(SEND);
	}

}
