package dev.tracing.sample.order.processing;

import dev.tracing.sample.order.OrderCreated;

import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Background processing without a broker (every profile but rabbitmq): each new order is
 * processed on Spring's task executor once its transaction has committed.
 */
@Component
@Profile("!rabbitmq")
class InProcessOrderProcessing {

	private final OrderProcessor processor;

	InProcessOrderProcessing(OrderProcessor processor) {
		this.processor = processor;
	}

	@Async
	@TransactionalEventListener
	void onOrderCreated(OrderCreated event) {
		this.processor.process(event.orderId());
	}

}
