package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.time.Instant;

/** An order as the API returns it (and as the cache keeps it). */
public record OrderView(long id, String productName, BigDecimal amount, String paymentMethod, OrderStatus status,
		String transactionId, Instant createdAt, Instant updatedAt) {

	static OrderView of(Order order) {
		return new OrderView(order.getId(), order.getProductName(), order.getAmount(), order.getPaymentMethod(),
				order.getStatus(), order.getTransactionId(), order.getCreatedAt(), order.getUpdatedAt());
	}

}
