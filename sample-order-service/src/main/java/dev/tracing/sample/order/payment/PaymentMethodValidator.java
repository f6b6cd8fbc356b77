package dev.tracing.sample.order.payment;

import dev.tracing.sample.order.PaymentMethods;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.annotation.Traced;

import org.springframework.stereotype.Component;

/** The guide's {@code validate_payment_method} step. */
@Component
class PaymentMethodValidator {

	@Traced("validate_payment_method")
	void validate(@TracedAttribute("payment.method") String method) {
		if (!PaymentMethods.ACCEPTED.contains(method)) {
			throw new PaymentFailedException("Invalid payment method: " + method);
		}
	}

}
