package dev.tracing.sample.order.payment;

import java.math.BigDecimal;

/**
 * The payment gateway's API: a charge request and the gateway's answer.
 */
final class Charge {

	private Charge() {
	}

	/** {@code POST /payment-gateway/orders/{orderId}/charges} body. */
	record Request(BigDecimal amount, String currency, String method) {
	}

	/** A successful charge: its transaction id. */
	record Response(String id, String status) {
	}

}
