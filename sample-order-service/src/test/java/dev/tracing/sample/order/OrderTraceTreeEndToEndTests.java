package dev.tracing.sample.order;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static dev.tracing.sample.order.SpanTree.kind;
import static dev.tracing.sample.order.SpanTree.named;
import static dev.tracing.sample.order.SpanTree.server;
import static dev.tracing.sample.order.SpanTree.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's trace tree, end to end on PostgreSQL, Redis and RabbitMQ, across two processes
 * as the guide deploys them: the web service (profiles postgres, redis, rabbitmq; not
 * consuming) and a separate worker (profiles postgres, redis, worker). One high-value order,
 * posted over HTTP, must give one trace:
 *
 * <pre>
 * SERVER POST /api/orders                         order-service
 *   CLIENT INSERT                                 order-service
 *   PRODUCER publish to the order queue           order-service
 *     CONSUMER the order message                  order-worker
 *       INTERNAL process_order                    order-worker
 *         CLIENT SELECT
 *         CLIENT UPDATE (processing)
 *         INTERNAL validate_high_value_order
 *         INTERNAL process_payment
 *           INTERNAL validate_payment_method
 *           CLIENT POST                           (the gateway call, with its url.template)
 *             SERVER POST /payment-gateway/orders/{orderId}/charges  order-service
 *         CLIENT UPDATE (processed)
 * </pre>
 *
 * Each test asserts one part of that tree from the same order, so a failure names the part
 * that broke.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderTraceTreeEndToEndTests {

	private static final String SCHEMA = "sample_orders_e2e";

	private static final String QUEUE = "sample-orders-e2e.process";

	private static final String KEY_PREFIX = "sample-orders-e2e::";

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext web;

	private ConfigurableApplicationContext worker;

	private Api api;

	private Api.TraceParent trace;

	private JsonNode order;

	@BeforeAll
	void startBothProcessesAndPostAHighValueOrder() {
		this.receiver = OtlpReceiver.start();
		Map<String, String> web = services();
		web.put("spring.jpa.hibernate.ddl-auto", "create-drop");
		web.put("order-service.processing.consume", "false");
		this.web = SampleApplication.run("postgres,redis,rabbitmq", web);
		this.api = new Api(this.web);
		Map<String, String> worker = services();
		worker.put("spring.jpa.hibernate.ddl-auto", "none");
		worker.put("order-service.payment.gateway-url", this.api.baseUrl());
		this.worker = SampleApplication.run("postgres,redis,worker", worker);

		// The schema starts empty, so order ids start again: drop what earlier runs cached.
		StringRedisTemplate redis = this.web.getBean(StringRedisTemplate.class);
		redis.delete(redis.keys(KEY_PREFIX + "*"));

		this.trace = Api.newTrace();
		Api.Response created = this.api.post("/api/orders",
				"{\"product_name\":\"Laptop\",\"amount\":\"1499.00\",\"payment_method\":\"debit_card\"}",
				this.trace.header());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		this.order = this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal);
		this.receiver.awaitSpan(
				(span) -> span.name().equals("process_order") && String.valueOf(id).equals(span.attribute("order.id")));
		flushSpans(this.worker);
		flushSpans(this.web);
	}

	private Map<String, String> services() {
		Map<String, String> properties = new LinkedHashMap<>(
				SampleApplication.exportingTo(this.receiver.httpEndpoint()));
		properties.put("spring.datasource.url",
				SampleApplication.env("TRACING_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
		properties.put("spring.jpa.properties.hibernate.default_schema", SCHEMA);
		properties.put("spring.data.redis.host", SampleApplication.env("TRACING_TEST_REDIS_HOST", "127.0.0.1"));
		properties.put("spring.data.redis.port", SampleApplication.env("TRACING_TEST_REDIS_PORT", "6379"));
		properties.put("spring.cache.redis.key-prefix", KEY_PREFIX);
		properties.put("spring.rabbitmq.host", SampleApplication.env("TRACING_TEST_RABBITMQ_HOST", "127.0.0.1"));
		properties.put("spring.rabbitmq.port", SampleApplication.env("TRACING_TEST_RABBITMQ_PORT", "5672"));
		properties.put("order-service.processing.queue", QUEUE);
		return properties;
	}

	@AfterAll
	void stop() {
		if (this.worker != null) {
			this.worker.close();
		}
		if (this.web != null) {
			this.web.close();
		}
		this.receiver.close();
	}

	@Test
	void orderIsProcessedAndPaidByTheWorker() {
		assertThat(this.order.get("status").asString()).isEqualTo("processed");
		assertThat(this.order.get("transaction_id").asString()).startsWith("txn_");
	}

	@Test
	void serverSpanWithItsInsert() {
		SpanTree tree = tree();
		ReceivedSpan request = tree.single("the POST", server("POST /api/orders"));
		assertThat(request.resourceAttribute("service.name")).isEqualTo("order-service");
		assertThat(request.parentSpanId()).isEqualTo(this.trace.spanId());
		assertThat(request.attribute("http.route")).isEqualTo("/api/orders");
		assertThat(request.attribute("http.response.status_code")).isEqualTo("201");
		ReceivedSpan insert = tree.child(request, "the INSERT", sql("INSERT"));
		assertThat(SpanTree.db(insert, "db.system.name", "db.system")).isEqualTo("postgresql");
		// The stable conventions name the table in db.query.summary ("insert schema.orders"), not
		// in db.collection.name, for SQL; the older ones in db.sql.table.
		String summary = insert.attribute("db.query.summary");
		String table = (summary != null) ? summary.substring(summary.indexOf(' ') + 1)
				: SpanTree.db(insert, "db.collection.name", "db.sql.table");
		assertThat(table).matches("(" + SCHEMA + "\\.)?orders");
		assertThat(SpanTree.db(insert, "db.query.text", "db.statement")).startsWith("insert into " + SCHEMA + ".orders")
			.doesNotContain("Laptop");
	}

	/** The RabbitTemplate's observation, through the Micrometer bridge. */
	@Test
	void messagePublishIsAProducerSpanOfTheRequest() {
		SpanTree tree = tree();
		ReceivedSpan request = tree.single("the POST", server("POST /api/orders"));
		ReceivedSpan publish = tree.child(request, "the publish", kind(SpanKind.SPAN_KIND_PRODUCER));
		assertThat(publish.name()).contains(QUEUE);
	}

	/** The trace context crosses the broker in the message headers. */
	@Test
	void workerContinuesTheTraceFromTheMessage() {
		SpanTree tree = tree();
		ReceivedSpan publish = tree.single("the publish", kind(SpanKind.SPAN_KIND_PRODUCER));
		ReceivedSpan receive = tree.child(publish, "the worker's receive", kind(SpanKind.SPAN_KIND_CONSUMER));
		assertThat(receive.resourceAttribute("service.name")).isEqualTo("order-worker");
		ReceivedSpan processOrder = tree.child(receive, "process_order", named("process_order"));
		assertThat(processOrder.attribute("order.id")).isEqualTo(this.order.get("id").asString());
	}

	@Test
	void processingReadsValidatesAndUpdatesTheOrder() {
		ReceivedSpan processOrder = processOrder();
		SpanTree tree = new SpanTree(this.receiver.spans(), processOrder.traceId());
		assertThat(processOrder.resourceAttribute("service.name")).isEqualTo("order-worker");
		assertThat(processOrder.attribute("order.id")).isEqualTo(this.order.get("id").asString());
		ReceivedSpan select = tree.child(processOrder, "the SELECT", sql("SELECT"));
		assertThat(SpanTree.db(select, "db.system.name", "db.system")).isEqualTo("postgresql");
		ReceivedSpan validation = tree.child(processOrder, "validate_high_value_order",
				named("validate_high_value_order"));
		assertThat(validation.attribute("order.amount")).isEqualTo("1499.00");
		List<ReceivedSpan> updates = tree.childrenOf(processOrder, sql("UPDATE"));
		assertThat(updates).as("pending -> processing -> processed in%n%s", tree).hasSize(2);
		assertThat(updates).allSatisfy(
				(update) -> assertThat(SpanTree.db(update, "db.query.text", "db.statement"))
					.startsWith("update " + SCHEMA + ".orders"));
		assertThat(select.span().getStartTimeUnixNano()).isLessThan(validation.span().getStartTimeUnixNano());
		assertThat(updates.stream().mapToLong((update) -> update.span().getStartTimeUnixNano()).max().getAsLong())
			.isGreaterThan(validation.span().getEndTimeUnixNano());
	}

	@Test
	void paymentCallsTheGatewayInTheSameTrace() {
		ReceivedSpan processOrder = processOrder();
		SpanTree tree = new SpanTree(this.receiver.spans(), processOrder.traceId());
		ReceivedSpan payment = tree.child(processOrder, "process_payment", named("process_payment"));
		assertThat(payment.attribute("payment.method")).isEqualTo("debit_card");
		assertThat(payment.attribute("payment.transaction_id")).isEqualTo(this.order.get("transaction_id").asString());
		tree.child(payment, "validate_payment_method", named("validate_payment_method"));
		ReceivedSpan call = tree.child(payment, "the gateway call", kind(SpanKind.SPAN_KIND_CLIENT));
		assertThat(call.resourceAttribute("service.name")).isEqualTo("order-worker");
		assertThat(call.attribute("http.request.method")).isEqualTo("POST");
		assertThat(call.attribute("url.full"))
			.isEqualTo(this.api.baseUrl() + "/payment-gateway/orders/" + this.order.get("id").asString() + "/charges");
		assertThat(call.attribute("url.template")).isEqualTo("/payment-gateway/orders/{orderId}/charges");
		assertThat(call.attribute("http.response.status_code")).isEqualTo("201");
		ReceivedSpan gateway = tree.child(call, "the gateway's server span",
				server("POST /payment-gateway/orders/{orderId}/charges"));
		assertThat(gateway.resourceAttribute("service.name")).isEqualTo("order-service");
	}

	@Test
	void readinessChecksEveryServiceInUse() {
		Api.Response ready = this.api.get("/health/ready");
		assertThat(ready.status()).as(ready.body()).isEqualTo(200);
		assertThat(ready.json().get("checks").propertyNames()).containsExactlyInAnyOrder("database", "redis",
				"rabbitmq");
	}

	/** Reads of one order go through the Redis cache: the second read runs no SQL. */
	@Test
	void repeatedReadIsServedFromRedis() {
		String path = "/api/orders/" + this.order.get("id").asString();
		Api.TraceParent first = Api.newTrace();
		Api.TraceParent second = Api.newTrace();
		this.web.getBean(StringRedisTemplate.class).delete(KEY_PREFIX + "orders::" + this.order.get("id").asString());

		Api.Response firstAnswer = this.api.get(path, first.header());
		Api.Response secondAnswer = this.api.get(path, second.header());
		flushSpans(this.web);

		assertThat(secondAnswer.body()).isEqualTo(firstAnswer.body());
		assertThat(this.web.getBean(StringRedisTemplate.class)
			.opsForValue()
			.get(KEY_PREFIX + "orders::" + this.order.get("id").asString())).contains("\"status\":\"processed\"");
		assertThat(new SpanTree(this.receiver.spans(), first.traceId()).spans()).as("SQL of the first read")
			.anyMatch(sql("SELECT"));
		SpanTree cached = new SpanTree(this.receiver.spans(), second.traceId());
		cached.single("the second GET", server("GET /api/orders/{id}"));
		assertThat(cached.spans()).as("SQL of the cached read").noneMatch(sql("SELECT"));
	}

	/**
	 * Redis commands are CLIENT spans of the request: a miss reads (GET) and then fills (SET)
	 * the cache; a hit only reads. Needs Redis spans (issue 4).
	 */
	@Test
	void cacheCommandsAreRedisSpans() {
		String path = "/api/orders/" + this.order.get("id").asString();
		this.web.getBean(StringRedisTemplate.class).delete(KEY_PREFIX + "orders::" + this.order.get("id").asString());
		Api.TraceParent miss = Api.newTrace();
		Api.TraceParent hit = Api.newTrace();
		this.api.get(path, miss.header());
		this.api.get(path, hit.header());
		flushSpans(this.web);

		SpanTree missTree = new SpanTree(this.receiver.spans(), miss.traceId());
		ReceivedSpan missRequest = missTree.single("the first GET", server("GET /api/orders/{id}"));
		assertThat(missTree.childrenOf(missRequest, redis("GET"))).as("%s", missTree).hasSize(1);
		assertThat(missTree.childrenOf(missRequest, redis("SET"))).as("%s", missTree).hasSize(1);
		SpanTree hitTree = new SpanTree(this.receiver.spans(), hit.traceId());
		ReceivedSpan hitRequest = hitTree.single("the second GET", server("GET /api/orders/{id}"));
		assertThat(hitTree.childrenOf(hitRequest, redis("GET"))).as("%s", hitTree).hasSize(1);
		assertThat(hitTree.childrenOf(hitRequest, redis("SET"))).as("%s", hitTree).isEmpty();
	}

	/**
	 * Status changes evict the cached order: a Redis UNLINK (Spring Data Redis's cache evicts
	 * with UNLINK, not DEL) in processing. Needs Redis spans (issue 4).
	 */
	@Test
	void statusChangesEvictTheCachedOrder() {
		ReceivedSpan processOrder = processOrder();
		SpanTree tree = new SpanTree(this.receiver.spans(), processOrder.traceId());
		assertThat(tree.childrenOf(processOrder, redis("UNLINK"))).as("%s", tree).hasSize(2);
	}

	private SpanTree tree() {
		return new SpanTree(this.receiver.spans(), this.trace.traceId());
	}

	private ReceivedSpan processOrder() {
		String id = this.order.get("id").asString();
		List<ReceivedSpan> processing = this.receiver.spans()
			.stream()
			.filter((span) -> span.name().equals("process_order") && id.equals(span.attribute("order.id")))
			.toList();
		assertThat(processing).as("process_order spans of order %s from %s", id,
				processing.stream().map((span) -> span.resourceAttribute("service.name")).toList())
			.hasSize(1);
		return processing.get(0);
	}

	private static Predicate<ReceivedSpan> redis(String command) {
		return kind(SpanKind.SPAN_KIND_CLIENT).and((span) -> "redis".equals(span.attribute("db.system"))
				|| "redis".equals(span.attribute("db.system.name")))
			.and((span) -> command.equalsIgnoreCase(span.attribute("db.operation"))
					|| command.equalsIgnoreCase(span.attribute("db.operation.name"))
					|| span.name().equalsIgnoreCase(command));
	}

	private static void flushSpans(ConfigurableApplicationContext context) {
		context.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
	}

}
