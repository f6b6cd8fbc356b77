package dev.tracing.sample.order;

/** Published once a new order is stored; background processing starts after the commit. */
public record OrderCreated(long orderId) {
}
