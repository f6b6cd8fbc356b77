package dev.tracing.sample.order.payment;

/** A payment did not go through: invalid method, declined by the gateway, or gateway down. */
public class PaymentFailedException extends RuntimeException {

	public PaymentFailedException(String message) {
		super(message);
	}

	public PaymentFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
