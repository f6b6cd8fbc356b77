package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.net.URI;

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
	 */
	public record Processing(@DefaultValue("orders.process") String queue, @DefaultValue("true") boolean consume,
			@DefaultValue("1000") BigDecimal highValueThreshold, @DefaultValue("50000") BigDecimal maxOrderAmount) {
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
