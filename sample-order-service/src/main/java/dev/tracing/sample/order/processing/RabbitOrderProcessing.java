package dev.tracing.sample.order.processing;

import dev.tracing.sample.order.OrderCreated;
import dev.tracing.sample.order.OrderServiceProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Background processing through RabbitMQ (rabbitmq profile; the worker profile includes it),
 * like the guide's Celery queue: the web service publishes each new order to a durable queue
 * once its transaction has committed, and a listener, in the same process or in a separate
 * worker, processes it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("rabbitmq")
class RabbitOrderProcessing {

	@Bean
	Queue orderProcessingQueue(OrderServiceProperties properties) {
		return new Queue(properties.processing().queue(), true);
	}

	@Bean
	JacksonJsonMessageConverter orderMessageConverter(JsonMapper jsonMapper) {
		return new JacksonJsonMessageConverter(jsonMapper);
	}

	@Bean
	Publisher orderPublisher(RabbitTemplate rabbit, OrderServiceProperties properties) {
		return new Publisher(rabbit, properties.processing().queue());
	}

	@Bean
	Listener orderListener(OrderProcessor processor) {
		return new Listener(processor);
	}

	/** The message on the queue: which order to process. */
	record ProcessOrder(long orderId) {
	}

	static class Publisher {

		private final RabbitTemplate rabbit;

		private final String queue;

		Publisher(RabbitTemplate rabbit, String queue) {
			this.rabbit = rabbit;
			this.queue = queue;
		}

		@TransactionalEventListener
		void onOrderCreated(OrderCreated event) {
			this.rabbit.convertAndSend("", this.queue, new ProcessOrder(event.orderId()));
		}

	}

	static class Listener {

		private final OrderProcessor processor;

		Listener(OrderProcessor processor) {
			this.processor = processor;
		}

		@RabbitListener(queues = "${order-service.processing.queue:orders.process}",
				autoStartup = "${order-service.processing.consume:true}")
		void onProcessOrder(ProcessOrder message) {
			this.processor.process(message.orderId());
		}

	}

}
