package dev.tracing.sample.order.payment;

import java.math.BigDecimal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

import org.springframework.stereotype.Service;

/** The guide's payment service: validates the method, charges the gateway, returns the receipt. */
@Service
public class PaymentService {

	private final PaymentMethodValidator methods;

	private final PaymentGatewayClient gateway;

	PaymentService(PaymentMethodValidator methods, PaymentGatewayClient gateway) {
		this.methods = methods;
		this.gateway = gateway;
	}

	/**
	 * Charges an order.
	 * @throws PaymentFailedException if the method is invalid or the gateway declines or fails
	 */
	@WithSpan("process_payment")
	public PaymentReceipt processPayment(@SpanAttribute("order.id") long orderId,
			@SpanAttribute("payment.amount") BigDecimal amount, @SpanAttribute("payment.method") String method) {
		this.methods.validate(method);
		PaymentReceipt receipt = this.gateway.charge(orderId, amount, method);
		Span.current().setAttribute("payment.transaction_id", receipt.transactionId());
		return receipt;
	}

}
