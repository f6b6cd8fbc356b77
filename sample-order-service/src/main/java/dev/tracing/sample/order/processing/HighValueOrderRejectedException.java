package dev.tracing.sample.order.processing;

/** A high-value order failed its validation and will not be charged. */
class HighValueOrderRejectedException extends RuntimeException {

	HighValueOrderRejectedException(String message) {
		super(message);
	}

}
