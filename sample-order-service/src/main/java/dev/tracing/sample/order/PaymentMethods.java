package dev.tracing.sample.order;

import java.util.Set;

/** The payment methods the service accepts. */
public final class PaymentMethods {

	/** Every accepted method. */
	public static final Set<String> ACCEPTED = Set.of("credit_card", "debit_card", "paypal");

	/** The method of an order that names none. */
	public static final String DEFAULT = "credit_card";

	static final String PATTERN = "credit_card|debit_card|paypal";

	static final String LIST = "credit_card, debit_card, paypal";

	private PaymentMethods() {
	}

}
