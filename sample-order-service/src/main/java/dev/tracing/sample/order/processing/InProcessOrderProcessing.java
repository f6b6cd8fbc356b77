package dev.tracing.sample.order.processing;

import java.time.Duration;
import java.util.concurrent.Semaphore;

import dev.tracing.sample.order.OrderCreated;
import dev.tracing.sample.order.OrderServiceProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Background processing without a broker (every profile but rabbitmq): each new order is
 * processed on a pool of {@code order-service.processing.threads} threads once its
 * transaction has committed. The backlog is bounded: at most
 * {@code order-service.processing.max-backlog} orders are accepted and not yet processed. A
 * new order beyond that is refused before its transaction commits, so it is never stored
 * (the client gets 503 with Retry-After), and every order that is stored gets processed.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!rabbitmq")
class InProcessOrderProcessing {

	@Bean
	ThreadPoolTaskExecutor orderProcessingExecutor(ThreadPoolTaskExecutorBuilder builder,
			OrderServiceProperties properties) {
		OrderServiceProperties.Processing processing = properties.processing();
		// The queue never holds more than the backlog admits; its capacity only makes that visible.
		return builder.threadNamePrefix("order-processing-")
			.corePoolSize(processing.threads())
			.maxPoolSize(processing.threads())
			.queueCapacity(processing.maxBacklog())
			.build();
	}

	@Bean
	Backlog orderProcessingBacklog(OrderProcessor processor, ThreadPoolTaskExecutor orderProcessingExecutor,
			OrderServiceProperties properties) {
		return new Backlog(processor, orderProcessingExecutor, properties.processing().maxBacklog(),
				properties.processing().retryAfter());
	}

	/** Admits new orders while there is room, and processes each one once it is committed. */
	static class Backlog {

		private static final Log logger = LogFactory.getLog(Backlog.class);

		private final OrderProcessor processor;

		private final TaskExecutor executor;

		private final int maxBacklog;

		private final Duration retryAfter;

		private final Semaphore room;

		Backlog(OrderProcessor processor, TaskExecutor executor, int maxBacklog, Duration retryAfter) {
			this.processor = processor;
			this.executor = executor;
			this.maxBacklog = maxBacklog;
			this.retryAfter = retryAfter;
			this.room = new Semaphore(maxBacklog);
		}

		/**
		 * Runs inside the transaction that stores the order: refusing here rolls it back.
		 * The place is kept until the order's processing ends, or given back if the
		 * transaction does not commit.
		 */
		@EventListener
		void onOrderCreated(OrderCreated event) {
			if (!this.room.tryAcquire()) {
				throw new ProcessingBackloggedException(this.maxBacklog, this.retryAfter);
			}
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						process(event.orderId());
					}
					else {
						Backlog.this.room.release();
					}
				}

			});
		}

		private void process(long orderId) {
			try {
				this.executor.execute(() -> {
					try {
						this.processor.process(orderId);
					}
					finally {
						this.room.release();
					}
				});
			}
			catch (TaskRejectedException ex) {
				// Only while shutting down: the order stays pending.
				this.room.release();
				logger.warn("Order " + orderId + " was stored while the service shuts down and stays pending: " + ex);
			}
		}

	}

}
