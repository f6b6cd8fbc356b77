package dev.tracing.sample.order;

/** No order has the requested id. */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(long id) {
		super("Order " + id + " not found");
	}

}
