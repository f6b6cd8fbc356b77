package dev.tracing.sample.order;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.tracing.sample.order.SpanTree.kind;
import static dev.tracing.sample.order.SpanTree.named;
import static dev.tracing.sample.order.SpanTree.server;
import static dev.tracing.sample.order.SpanTree.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order service as a newcomer runs it (default profile: H2, in-process background
 * processing and cache), driven over real HTTP by the curl walk-through of
 * {@code docs/sample.md}, with the spans read from a real OTLP receiver: the processing tree
 * of each order, the payment gateway call and its server span, the analytics span, the cache,
 * and the probes left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderApiEndToEndTests {

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

	@Test
	@Order(1)
	void documentedWalkthroughAnswersAsDocumentedAndIsTraced() {
		List<DocumentedWalkthrough.Command> commands = DocumentedWalkthrough.commands();
		assertThat(commands).hasSizeGreaterThanOrEqualTo(10);
		for (DocumentedWalkthrough.Command command : commands) {
			Api.Response response = command.sendTo(this.api);
			assertThat(response.status()).as("%s%n answered %s", command.source(), response.body())
				.isEqualTo(command.expectedStatus());
		}

		JsonNode laptop = this.api.await("/api/orders/2", (order) -> isFinal(order));
		JsonNode car = this.api.await("/api/orders/3", (order) -> isFinal(order));
		assertThat(laptop.get("status").asString()).isEqualTo("processed");
		assertThat(laptop.get("transaction_id").asString()).startsWith("txn_");
		assertThat(car.get("status").asString()).isEqualTo("failed");
		assertThat(car.get("transaction_id").isNull()).isTrue();
		flushSpans();

		paidHighValueOrderTree(laptop);
		declinedPaymentTree(car);
		analyticsSpan();
		assertThat(this.receiver.spans()).as("spans of the health probes")
			.noneMatch((span) -> span.attribute("url.path") != null && span.attribute("url.path").startsWith("/health"));
	}

	private void paidHighValueOrderTree(JsonNode order) {
		ReceivedSpan processOrder = processOrderSpan(order.get("id").asLong());
		SpanTree trace = new SpanTree(this.receiver.spans(), processOrder.traceId());
		assertThat(trace.childrenOf(processOrder, sql("SELECT"))).as("%s", trace).hasSize(1);
		assertThat(trace.childrenOf(processOrder, sql("UPDATE"))).as("status updates in%n%s", trace).hasSize(2);
		ReceivedSpan validation = trace.child(processOrder, "validate_high_value_order",
				named("validate_high_value_order"));
		assertThat(validation.attribute("order.amount")).isEqualTo("1499.00");
		assertThat(SpanTree.isError(validation)).isFalse();

		ReceivedSpan payment = trace.child(processOrder, "process_payment", named("process_payment"));
		assertThat(payment.attribute("payment.method")).isEqualTo("debit_card");
		assertThat(payment.attribute("payment.amount")).isEqualTo("1499.00");
		assertThat(payment.attribute("payment.transaction_id")).isEqualTo(order.get("transaction_id").asString());
		assertThat(SpanTree.isError(payment)).isFalse();
		assertThat(trace.child(payment, "validate_payment_method", named("validate_payment_method"))
			.attribute("payment.method")).isEqualTo("debit_card");

		ReceivedSpan call = trace.child(payment, "the gateway call", kind(SpanKind.SPAN_KIND_CLIENT));
		assertThat(call.attribute("http.request.method")).isEqualTo("POST");
		assertThat(call.attribute("url.full"))
			.endsWith("/payment-gateway/orders/" + order.get("id").asString() + "/charges");
		assertThat(call.attribute("url.template")).isEqualTo("/payment-gateway/orders/{orderId}/charges");
		assertThat(call.attribute("http.response.status_code")).isEqualTo("201");
		ReceivedSpan gateway = trace.child(call, "the gateway's server span",
				server("POST /payment-gateway/orders/{orderId}/charges"));
		assertThat(gateway.attribute("http.route")).isEqualTo("/payment-gateway/orders/{orderId}/charges");
	}

	private void declinedPaymentTree(JsonNode order) {
		ReceivedSpan processOrder = processOrderSpan(order.get("id").asLong());
		SpanTree trace = new SpanTree(this.receiver.spans(), processOrder.traceId());
		ReceivedSpan payment = trace.child(processOrder, "process_payment", named("process_payment"));
		assertThat(SpanTree.isError(payment)).as("declined payment marked ERROR").isTrue();
		assertThat(payment.span().getEventsList()).anyMatch((event) -> event.getName().equals("exception"));
		assertThat(payment.attribute("payment.transaction_id")).isNull();
		ReceivedSpan call = trace.child(payment, "the gateway call", kind(SpanKind.SPAN_KIND_CLIENT));
		assertThat(call.attribute("http.response.status_code")).isEqualTo("402");
		ReceivedSpan gateway = trace.child(call, "the gateway's server span",
				server("POST /payment-gateway/orders/{orderId}/charges"));
		assertThat(gateway.attribute("http.response.status_code")).isEqualTo("402");
		assertThat(trace.childrenOf(processOrder, sql("UPDATE"))).as("processing, then failed, in%n%s", trace)
			.hasSize(2);
		assertThat(SpanTree.isError(processOrder)).as("the order was handled: marked failed").isFalse();
	}

	private void analyticsSpan() {
		ReceivedSpan request = this.receiver.awaitSpan(server("GET /api/orders/analytics"));
		SpanTree trace = new SpanTree(this.receiver.spans(), request.traceId());
		ReceivedSpan analytics = trace.child(request, "calculate_analytics", named("calculate_analytics"));
		assertThat(analytics.scope()).isEqualTo("dev.tracing.sample.order");
		assertThat(analytics.attribute("analytics.total_orders")).isEqualTo("3");
		assertThat(analytics.attribute("analytics.pending_orders")).isNotNull();
		assertThat(analytics.attribute("analytics.total_amount")).isEqualTo("16598.99");
		assertThat(trace.childrenOf(analytics, sql("SELECT"))).hasSize(1);
	}

	@Test
	@Order(2)
	void ordinaryOrderSkipsTheHighValueValidation() {
		long id = create("{\"product_name\":\"Pen\",\"amount\":\"12.50\",\"payment_method\":\"paypal\"}");
		assertThat(this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal).get("status").asString())
			.isEqualTo("processed");
		flushSpans();

		ReceivedSpan processOrder = processOrderSpan(id);
		SpanTree trace = new SpanTree(this.receiver.spans(), processOrder.traceId());
		assertThat(trace.childrenOf(processOrder, named("validate_high_value_order"))).isEmpty();
		assertThat(trace.childrenOf(processOrder, named("process_payment"))).hasSize(1);
	}

	@Test
	@Order(3)
	void orderAboveTheSingleOrderLimitIsRejectedWithoutACharge() {
		long id = create("{\"product_name\":\"Yacht\",\"amount\":\"60000.00\"}");
		JsonNode order = this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal);
		assertThat(order.get("status").asString()).isEqualTo("rejected");
		flushSpans();

		ReceivedSpan processOrder = processOrderSpan(id);
		SpanTree trace = new SpanTree(this.receiver.spans(), processOrder.traceId());
		ReceivedSpan validation = trace.child(processOrder, "validate_high_value_order",
				named("validate_high_value_order"));
		assertThat(SpanTree.isError(validation)).isTrue();
		assertThat(trace.spans()).noneMatch(named("process_payment"));
	}

	@Test
	@Order(4)
	void repeatedReadIsServedFromTheCacheWithoutSql() {
		long id = create("{\"product_name\":\"Lamp\",\"amount\":\"45.00\"}");
		this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal);
		Api.TraceParent first = Api.newTrace();
		Api.TraceParent second = Api.newTrace();

		Api.Response firstAnswer = this.api.get("/api/orders/" + id, first.header());
		Api.Response secondAnswer = this.api.get("/api/orders/" + id, second.header());
		flushSpans();

		assertThat(secondAnswer.body()).isEqualTo(firstAnswer.body());
		SpanTree cached = new SpanTree(this.receiver.spans(), second.traceId());
		ReceivedSpan request = cached.single("the second GET", server("GET /api/orders/{id}"));
		assertThat(request.attribute("http.response.status_code")).isEqualTo("200");
		assertThat(cached.spans()).as("SQL of a cached read").noneMatch(sql("SELECT"));
	}

	/**
	 * The in-process processing, on its own bounded thread pool, continues the request's
	 * trace: the starter's task decorator carries the context into the pool's threads.
	 */
	@Test
	@Order(5)
	void asyncProcessingContinuesTheRequestTrace() {
		Api.TraceParent trace = Api.newTrace();
		Api.Response created = this.api.post("/api/orders", "{\"product_name\":\"Desk\",\"amount\":\"1200.00\"}",
				trace.header());
		long id = created.json().get("id").asLong();
		this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal);
		flushSpans();

		SpanTree tree = new SpanTree(this.receiver.spans(), trace.traceId());
		ReceivedSpan request = tree.single("the POST", server("POST /api/orders"));
		assertThat(tree.childrenOf(request, sql("INSERT"))).hasSize(1);
		ReceivedSpan processOrder = processOrderSpan(id);
		assertThat(processOrder.traceId()).as("trace of process_order").isEqualTo(trace.traceId());
		assertThat(processOrder.parentSpanId()).isEqualTo(request.spanId());
	}

	private long create(String body) {
		Api.Response response = this.api.post("/api/orders", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").asLong();
	}

	private ReceivedSpan processOrderSpan(long orderId) {
		return this.receiver.awaitSpan(
				(span) -> span.name().equals("process_order") && String.valueOf(orderId).equals(span.attribute("order.id")));
	}

	private void flushSpans() {
		this.app.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
	}

	static boolean isFinal(JsonNode order) {
		return List.of("processed", "failed", "rejected").contains(order.get("status").asString());
	}

}
