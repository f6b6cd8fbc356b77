package dev.tracing.sample.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented development set-up with a separate worker ("The full set-up on one machine"
 * in docs/sample.md): the web service (profiles postgres, redis, rabbitmq; not consuming)
 * with its viewer, and a worker (postgres, redis, worker) that, in development, exports its
 * spans to the web service's viewer. The viewer then shows a high-value order's trace whole:
 * the request and the publish of the web service, the worker's processing, and the gateway
 * call back into the web service. No collector is involved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerSpansInViewerEndToEndTests {

	private static final String SCHEMA = "sample_orders_viewer_e2e";

	private static final String QUEUE = "sample-orders-viewer-e2e.process";

	private static final String KEY_PREFIX = "sample-orders-viewer-e2e::";

	private ConfigurableApplicationContext web;

	private ConfigurableApplicationContext worker;

	private Api api;

	@BeforeAll
	void startTheWebServiceAndAWorker() {
		Map<String, String> web = services();
		web.put("spring.jpa.hibernate.ddl-auto", "create-drop");
		web.put("order-service.processing.consume", "false");
		// application.yml's port 8080 wins over SampleApplication's default of 0.
		web.put("server.port", "0");
		this.web = SampleApplication.run("postgres,redis,rabbitmq", web);
		this.api = new Api(this.web);
		Map<String, String> worker = services();
		worker.put("spring.jpa.hibernate.ddl-auto", "none");
		worker.put("order-service.payment.gateway-url", this.api.baseUrl());
		// The profile's own endpoint, http://localhost:8080/tracing, with this test's port.
		worker.put("tracing.exporter.endpoint", this.api.baseUrl().replace("127.0.0.1", "localhost") + "/tracing");
		this.worker = SampleApplication.run("postgres,redis,worker", worker);
		StringRedisTemplate redis = this.web.getBean(StringRedisTemplate.class);
		redis.delete(redis.keys(KEY_PREFIX + "*"));
	}

	private static Map<String, String> services() {
		Map<String, String> properties = new LinkedHashMap<>();
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
	}

	@Test
	void inDevelopmentTheWorkerExportsToTheWebServicesViewerAndInProductionToTheCollector() {
		StandardEnvironment development = environment("postgres", "redis", "worker");
		assertThat(development.getProperty("tracing.exporter.endpoint")).isEqualTo("http://localhost:8080/tracing");
		assertThat(development.getProperty("tracing.viewer.enabled")).isEqualTo("false");
		assertThat(development.getProperty("order-service.payment.gateway-url")).isEqualTo("http://localhost:8080");
		StandardEnvironment production = environment("postgres", "redis", "worker", "prod");
		assertThat(production.getProperty("tracing.exporter.endpoint")).isNull();
		assertThat(production.getProperty("tracing.exporter.type")).isEqualTo("otlp");
		StandardEnvironment webService = environment("postgres", "redis", "rabbitmq");
		assertThat(webService.getProperty("tracing.exporter.endpoint")).isNull();
		assertThat(webService.getProperty("tracing.viewer.enabled")).isEqualTo("true");
	}

	@Test
	void viewerShowsTheWholeTraceOfAnOrderAcrossBothProcesses() {
		Api.TraceParent trace = Api.newTrace();
		Api.Response created = this.api.post("/api/orders",
				"{\"product_name\":\"Laptop\",\"amount\":\"1499.00\",\"payment_method\":\"debit_card\"}",
				trace.header());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		JsonNode order = this.api.await("/api/orders/" + id, OrderApiEndToEndTests::isFinal);
		assertThat(order.get("status").asString()).isEqualTo("processed");
		flush(this.worker);
		flush(this.web);

		JsonNode shown = this.api.await("/tracing/api/traces/" + trace.traceId(), (json) -> {
			List<String> names = names(json);
			return names.contains("process_order") && names.contains("POST /payment-gateway/orders/{orderId}/charges");
		});
		assertThat(shown.get("rootName").asString()).isEqualTo("POST /api/orders");
		assertThat(strings(shown.get("services"))).containsExactly("order-service", "order-worker");
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		Map<String, JsonNode> byId = new LinkedHashMap<>();
		for (JsonNode span : shown.get("spans")) {
			byName.putIfAbsent(span.get("kind").asString() + " " + span.get("name").asString(), span);
			byId.put(span.get("spanId").asString(), span);
		}
		JsonNode request = byName.get("SERVER POST /api/orders");
		assertThat(request.get("service").asString()).isEqualTo("order-service");
		JsonNode consumer = shown.get("spans")
			.valueStream()
			.filter((span) -> span.get("kind").asString().equals("CONSUMER"))
			.findFirst()
			.orElseThrow();
		assertThat(consumer.get("service").asString()).isEqualTo("order-worker");
		JsonNode publish = byId.get(consumer.get("parentSpanId").asString());
		assertThat(publish.get("kind").asString()).isEqualTo("PRODUCER");
		assertThat(publish.get("service").asString()).isEqualTo("order-service");
		JsonNode processOrder = byName.get("INTERNAL process_order");
		assertThat(processOrder.get("service").asString()).isEqualTo("order-worker");
		assertThat(processOrder.get("parentSpanId").asString()).isEqualTo(consumer.get("spanId").asString());
		JsonNode gateway = byName.get("SERVER POST /payment-gateway/orders/{orderId}/charges");
		assertThat(gateway.get("service").asString()).isEqualTo("order-service");
		JsonNode call = byId.get(gateway.get("parentSpanId").asString());
		assertThat(call.get("kind").asString()).isEqualTo("CLIENT");
		assertThat(call.get("service").asString()).isEqualTo("order-worker");

		// The worker's exports to the viewer are not traced themselves.
		JsonNode list = this.api.get("/tracing/api/traces?limit=500").json();
		assertThat(list.get("traces").valueStream().map((summary) -> summary.get("route").asString("")))
			.noneMatch((route) -> route.contains("/tracing"));
	}

	private static StandardEnvironment environment(String... profiles) {
		StandardEnvironment environment = new StandardEnvironment();
		ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(),
				new DefaultBootstrapContext(), profiles);
		return environment;
	}

	private static List<String> names(JsonNode trace) {
		List<String> names = new ArrayList<>();
		trace.get("spans").forEach((span) -> names.add(span.get("name").asString()));
		return names;
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((item) -> strings.add(item.asString()));
		return strings;
	}

	private static void flush(ConfigurableApplicationContext context) {
		context.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
	}

}
