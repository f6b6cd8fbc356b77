package dev.tracing.sample.order.payment;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

import dev.tracing.sample.order.OrderServiceProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the guide's external payment gateway (Stripe), served by this application so
 * that the demo needs no account: it approves charges up to a limit and declines the rest
 * with 402 Payment Required.
 */
@RestController
@RequestMapping("/payment-gateway")
class PaymentGatewayController {

	/** The gateway's own problem type (a stand-in for Stripe's, so its own host). */
	static final URI CARD_DECLINED = URI.create("https://payment-gateway.example/problems/card-declined");

	private final BigDecimal chargeLimit;

	PaymentGatewayController(OrderServiceProperties properties) {
		this.chargeLimit = properties.paymentGateway().chargeLimit();
	}

	/** Charges one order, named in the path as in PayPal's {@code POST /v2/checkout/orders/{id}/capture}. */
	@PostMapping("/orders/{orderId}/charges")
	ResponseEntity<?> charge(@PathVariable long orderId, @RequestBody Charge.Request charge) {
		if (charge.amount() == null || charge.amount().signum() <= 0 || charge.amount().compareTo(this.chargeLimit) > 0) {
			ProblemDetail declined = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
					"The charge of " + charge.amount() + " for order " + orderId + " exceeds the card limit of "
							+ this.chargeLimit);
			declined.setType(CARD_DECLINED);
			declined.setTitle("Card declined");
			return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(declined);
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Charge.Response("txn_" + UUID.randomUUID().toString().replace("-", ""), "succeeded"));
	}

}
