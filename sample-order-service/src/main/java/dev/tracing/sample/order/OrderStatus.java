package dev.tracing.sample.order;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an order is in its life: pending, then processing, then one of the final states. */
public enum OrderStatus {

	/** Accepted and stored, waiting for background processing. */
	PENDING,
	/** Picked up by background processing. */
	PROCESSING,
	/** Validated and paid. */
	PROCESSED,
	/** Rejected by the high-value validation; not charged. */
	REJECTED,
	/** The payment failed. */
	FAILED;

	/** Whether processing is over: the order's status will not change again. */
	public boolean isFinal() {
		return this == PROCESSED || this == REJECTED || this == FAILED;
	}

	/** The name in JSON and in the database, as the guide's service writes it. */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OrderStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
