package dev.tracing.sample.order.payment;

import dev.tracing.sample.order.PaymentMethods;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Component;

/** The guide's {@code validate_payment_method} step. */
@Component
class PaymentMethodValidator {

	@WithSpan("validate_payment_method")
	void validate(@SpanAttribute("payment.method") String method) {
		if (!PaymentMethods.ACCEPTED.contains(method)) {
			throw new PaymentFailedException("Invalid payment method: " + method);
		}
	}

}
