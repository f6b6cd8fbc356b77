package dev.tracing.sample.order.payment;

import java.math.BigDecimal;
import java.net.URI;

import dev.tracing.sample.order.OrderServiceProperties;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Charges through the payment gateway over HTTP, with a {@link RestClient} from Spring Boot's
 * builder (which is what makes the call a traced CLIENT span carrying the trace context).
 */
@Component
class PaymentGatewayClient {

	private final RestClient client;

	private final URI gatewayUrl;

	private final Environment environment;

	PaymentGatewayClient(RestClient.Builder builder, OrderServiceProperties properties, Environment environment) {
		this.client = builder.build();
		this.gatewayUrl = properties.payment().gatewayUrl();
		this.environment = environment;
	}

	PaymentReceipt charge(long orderId, BigDecimal amount, String method) {
		try {
			// A URI template, not a concatenated URL: the CLIENT span then carries
			// url.template=/payment-gateway/orders/{orderId}/charges, one value for every order.
			Charge.Response response = this.client.post()
				.uri(baseUrl() + "/payment-gateway/orders/{orderId}/charges", orderId)
				.contentType(MediaType.APPLICATION_JSON)
				.body(new Charge.Request(amount, "USD", method))
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, answer) -> {
					throw new PaymentFailedException("Payment gateway answered " + answer.getStatusCode().value()
							+ " for order " + orderId);
				})
				.body(Charge.Response.class);
			if (response == null || response.id() == null) {
				throw new PaymentFailedException("Payment gateway returned no transaction id for order " + orderId);
			}
			return new PaymentReceipt(response.id());
		}
		catch (ResourceAccessException ex) {
			throw new PaymentFailedException("Payment gateway unreachable at " + baseUrl(), ex);
		}
	}

	private String baseUrl() {
		if (this.gatewayUrl != null) {
			String url = this.gatewayUrl.toString();
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}
		String port = this.environment.getProperty("local.server.port");
		if (port == null) {
			throw new PaymentFailedException("order-service.payment.gateway-url is not set and this process serves "
					+ "no HTTP: set it to the URL of the order service that serves /payment-gateway");
		}
		return "http://127.0.0.1:" + port;
	}

}
