package dev.tracing.sample.order;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.sample.order.SpanTree.server;
import static dev.tracing.sample.order.SpanTree.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each validation rule of {@code POST /api/orders}, over real HTTP on the default profile:
 * 400 with a problem detail naming the field, nothing stored, and a server span that records
 * the 400 without marking the span as an error (a client's mistake is not a server failure).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderValidationEndToEndTests {

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private Api api;

	@BeforeAll
	void start() {
		this.receiver = OtlpReceiver.start();
		this.app = SampleApplication.run("", SampleApplication.exportingTo(this.receiver.httpEndpoint()));
		this.api = new Api(this.app);
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.receiver.close();
	}

	static Stream<Arguments> invalidOrders() {
		return Stream.of(arguments("product name missing", "{\"amount\":\"10.00\"}", "product_name"),
				arguments("product name blank", "{\"product_name\":\"   \",\"amount\":\"10.00\"}", "product_name"),
				arguments("product name too long",
						"{\"product_name\":\"" + "x".repeat(201) + "\",\"amount\":\"10.00\"}", "product_name"),
				arguments("amount missing", "{\"product_name\":\"Widget\"}", "amount"),
				arguments("amount zero", "{\"product_name\":\"Widget\",\"amount\":\"0\"}", "amount"),
				arguments("amount negative", "{\"product_name\":\"Widget\",\"amount\":\"-5.00\"}", "amount"),
				arguments("amount with three decimals", "{\"product_name\":\"Widget\",\"amount\":\"10.001\"}",
						"amount"),
				arguments("amount as a JSON number with three decimals",
						"{\"product_name\":\"Widget\",\"amount\":10.001}", "amount"),
				arguments("amount not a number", "{\"product_name\":\"Widget\",\"amount\":\"ten\"}", "amount"),
				arguments("unknown payment method",
						"{\"product_name\":\"Widget\",\"amount\":\"10.00\",\"payment_method\":\"cash\"}",
						"payment_method"),
				arguments("body not JSON", "{\"product_name\":", "body"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidOrders")
	void invalidOrderIsRejectedWithTheFieldNamedAndNothingStored(String rule, String body, String field) {
		OrderRepository orders = this.app.getBean(OrderRepository.class);
		long before = orders.count();
		Api.TraceParent trace = Api.newTrace();

		Api.Response response = this.api.post("/api/orders", body, trace.header());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("https://order-service.example/problems/invalid-request");
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").asString()))
			.as(response.body())
			.contains(field);
		assertThat(problem.get("detail").asString()).contains(field);
		assertThat(orders.count()).isEqualTo(before);

		ReceivedSpan request = this.receiver.awaitSpan((span) -> span.traceId().equals(trace.traceId())
				&& server("POST /api/orders").test(span));
		assertThat(request.attribute("http.response.status_code")).isEqualTo("400");
		assertThat(SpanTree.isError(request)).as("server span of a 400 marked ERROR").isFalse();
		assertThat(request.attribute("error.type")).isNull();
		this.app.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
		assertThat(new SpanTree(this.receiver.spans(), trace.traceId()).spans()).noneMatch(sql("INSERT"));
	}

	/**
	 * RFC 9457: every error answer is a problem detail with its {@code type}, the service's
	 * own for the problems it reports, {@code about:blank} for plain HTTP errors (whose title
	 * is then the status phrase).
	 */
	@ParameterizedTest(name = "{0} {1} -> {3}")
	@MethodSource("problems")
	void everyErrorIsAProblemDetailWithItsType(String method, String path, String body, int status, String type,
			String title) {
		Api.Response response = this.api.send(method, path, body);

		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type")).as(response.body()).isNotNull();
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("title").asString()).isEqualTo(title);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail")).as(response.body()).isNotNull();
		assertThat(problem.get("instance").asString()).isEqualTo(path);
	}

	static Stream<Arguments> problems() {
		String types = "https://order-service.example/problems/";
		return Stream.of(
				arguments("POST", "/api/orders", "{\"amount\":\"1.00\"}", 400, types + "invalid-request",
						"Invalid request"),
				arguments("GET", "/api/orders/999999", null, 404, types + "order-not-found", "Order not found"),
				arguments("DELETE", "/api/orders/999999", null, 404, types + "order-not-found", "Order not found"),
				arguments("GET", "/api/orders/not-a-number", null, 400, "about:blank", "Bad Request"),
				arguments("PUT", "/api/orders", "{}", 405, "about:blank", "Method Not Allowed"),
				arguments("POST", "/payment-gateway/orders/1/charges",
						"{\"amount\":\"20000.00\",\"currency\":\"USD\",\"method\":\"paypal\"}", 402,
						"https://payment-gateway.example/problems/card-declined", "Card declined"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validEdgeCases")
	void boundaryValuesAreAccepted(String rule, String body) {
		Api.Response response = this.api.post("/api/orders", body);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(this.app.getBean(OrderRepository.class).existsById(response.json().get("id").asLong())).isTrue();
	}

	static Stream<Arguments> validEdgeCases() {
		return Stream.of(arguments("smallest amount", "{\"product_name\":\"Pin\",\"amount\":\"0.01\"}"),
				arguments("amount without decimals", "{\"product_name\":\"Pin\",\"amount\":12}"),
				arguments("guide's request without a payment method",
						"{\"product_name\":\"Widget\",\"amount\":\"99.99\"}"),
				arguments("paypal", "{\"product_name\":\"Pin\",\"amount\":\"5.50\",\"payment_method\":\"paypal\"}"),
				arguments("200-character product name",
						"{\"product_name\":\"" + "x".repeat(200) + "\",\"amount\":\"1.00\"}"));
	}

}
