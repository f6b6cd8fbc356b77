package dev.tracing.sample.order.payment;

/** A successful charge. */
public record PaymentReceipt(String transactionId) {
}
