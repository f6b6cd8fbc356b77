package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order service itself.
 *
 * @param processing Background processing of new orders.
 * @param payment Payments through the payment gateway.
 * @param paymentGateway The stand-in payment gateway that this application also serves.
 */
@ConfigurationProperties("order-service")
public record OrderServiceProperties(@DefaultValue Processing processing, @DefaultValue Payment payment,
		@DefaultValue PaymentGateway paymentGateway) {

	/**
	 * Background processing of new orders.
	 *
	 * @param queue The RabbitMQ queue that carries new orders to the worker (rabbitmq and
	 * worker profiles).
	 * @param consume Whether this process consumes the queue. Set it to false on the web
	 * service when separate worker processes do the processing.
	 * @param highValueThreshold Orders above this amount get an extra high-value validation
	 * step.
	 * @param maxOrderAmount High-value orders above this amount are rejected without being
	 * charged.
	 * @param threads Threads that process orders in-process (every profile but rabbitmq).
	 * @param maxBacklog Most orders accepted and not yet processed (waiting or being
	 * processed) in-process (every profile but rabbitmq). A new order beyond it is refused
	 * with 503 Service Unavailable and not stored.
	 * @param retryAfter What the Retry-After header of that 503 tells the client to wait
	 * (whole seconds).
	 */
	public record Processing(@DefaultValue("orders.process") String queue, @DefaultValue("true") boolean consume,
			@DefaultValue("1000") BigDecimal highValueThreshold, @DefaultValue("50000") BigDecimal maxOrderAmount,
			@DefaultValue("8") int threads, @DefaultValue("500") int maxBacklog,
			@DefaultValue("5s") Duration retryAfter) {

		public Processing {
			atLeastOne("threads", threads);
			atLeastOne("max-backlog", maxBacklog);
			if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException(
						"order-service.processing.retry-after is " + retryAfter + "; set it to 1s or more");
			}
		}

		private static void atLeastOne(String property, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(
						"order-service.processing." + property + " is " + value + "; set it to 1 or more");
			}
		}

	}

	/**
	 * Payments through the payment gateway.
	 *
	 * @param gatewayUrl Base URL of the payment gateway. Defaults to this application's own
	 * HTTP port, which serves the stand-in gateway; a worker process without a web server
	 * must set it.
	 */
	public record Payment(URI gatewayUrl) {
	}

	/**
	 * The stand-in payment gateway served under /payment-gateway.
	 *
	 * @param chargeLimit Charges above this amount are declined with 402 Payment Required.
	 */
	public record PaymentGateway(@DefaultValue("10000") BigDecimal chargeLimit) {
	}

}
