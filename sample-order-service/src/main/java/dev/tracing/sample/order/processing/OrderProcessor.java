package dev.tracing.sample.order.processing;

import java.math.BigDecimal;
import java.util.Optional;

import dev.tracing.sample.order.OrderService;
import dev.tracing.sample.order.OrderServiceProperties;
import dev.tracing.sample.order.OrderStatus;
import dev.tracing.sample.order.OrderView;
import dev.tracing.sample.order.payment.PaymentFailedException;
import dev.tracing.sample.order.payment.PaymentReceipt;
import dev.tracing.sample.order.payment.PaymentService;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.annotation.Traced;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * The guide's Celery task {@code process_order}: loads the order, moves it to processing,
 * validates it if it is a high-value order, charges it, and records the outcome. Runs in the
 * background: on the in-process pool of {@link InProcessOrderProcessing}, or in a RabbitMQ
 * listener.
 */
@Service
public class OrderProcessor {

	private static final Log logger = LogFactory.getLog(OrderProcessor.class);

	private final OrderService orders;

	private final HighValueOrderValidator highValueOrders;

	private final PaymentService payments;

	private final BigDecimal highValueThreshold;

	OrderProcessor(OrderService orders, HighValueOrderValidator highValueOrders, PaymentService payments,
			OrderServiceProperties properties) {
		this.orders = orders;
		this.highValueOrders = highValueOrders;
		this.payments = payments;
		this.highValueThreshold = properties.processing().highValueThreshold();
	}

	@Traced("process_order")
	public void process(@TracedAttribute("order.id") long orderId) {
		Optional<OrderView> found = this.orders.load(orderId);
		if (found.isEmpty() || found.get().status() != OrderStatus.PENDING) {
			logger.info("Order " + orderId + " is gone or already processed; nothing to do");
			return;
		}
		OrderView order = found.get();
		this.orders.moveTo(orderId, OrderStatus.PROCESSING, null);
		if (order.amount().compareTo(this.highValueThreshold) > 0) {
			try {
				this.highValueOrders.validate(orderId, order.amount());
			}
			catch (HighValueOrderRejectedException ex) {
				logger.warn(ex.getMessage());
				this.orders.moveTo(orderId, OrderStatus.REJECTED, null);
				return;
			}
		}
		try {
			PaymentReceipt receipt = this.payments.processPayment(orderId, order.amount(), order.paymentMethod());
			this.orders.moveTo(orderId, OrderStatus.PROCESSED, receipt.transactionId());
		}
		catch (PaymentFailedException ex) {
			logger.warn("Payment of order " + orderId + " failed: " + ex.getMessage());
			this.orders.moveTo(orderId, OrderStatus.FAILED, null);
		}
	}

}
