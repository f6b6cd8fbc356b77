package dev.tracing.sample.order.processing;

import java.math.BigDecimal;

import dev.tracing.sample.order.OrderServiceProperties;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Component;

/** The guide's {@code validate_high_value_order} step, run for orders above the threshold. */
@Component
class HighValueOrderValidator {

	private final BigDecimal maxOrderAmount;

	HighValueOrderValidator(OrderServiceProperties properties) {
		this.maxOrderAmount = properties.processing().maxOrderAmount();
	}

	@WithSpan("validate_high_value_order")
	void validate(@SpanAttribute("order.id") long orderId, @SpanAttribute("order.amount") BigDecimal amount) {
		if (amount.compareTo(this.maxOrderAmount) > 0) {
			throw new HighValueOrderRejectedException("Order " + orderId + " of " + amount
					+ " exceeds the single-order limit of " + this.maxOrderAmount);
		}
	}

}
