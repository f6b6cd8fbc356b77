package dev.tracing.sample.order;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}: {@code {"product_name": "Widget", "amount": "99.99",
 * "payment_method": "credit_card"}}. The payment method may be left out; it defaults to
 * {@code credit_card}, so the guide's own example request still works.
 *
 * @param productName the product ordered
 * @param amount the price, positive, with at most two decimal places
 * @param paymentMethod one of {@code credit_card}, {@code debit_card}, {@code paypal}
 */
public record NewOrder(@NotBlank(message = "is required") @Size(max = 200,
		message = "must be at most 200 characters") String productName,
		@NotNull(message = "is required") @Positive(message = "must be greater than 0") @Digits(integer = 8,
				fraction = 2,
				message = "must have at most two decimal places (and at most 8 digits before the point)") BigDecimal amount,
		@Pattern(regexp = PaymentMethods.PATTERN,
				message = "must be one of " + PaymentMethods.LIST) String paymentMethod) {

	/** The payment method, or the default one when the request names none. */
	public String paymentMethodOrDefault() {
		return (this.paymentMethod != null) ? this.paymentMethod : PaymentMethods.DEFAULT;
	}

}
