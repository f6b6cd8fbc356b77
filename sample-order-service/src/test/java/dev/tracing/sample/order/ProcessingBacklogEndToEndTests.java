package dev.tracing.sample.order;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static dev.tracing.sample.order.SpanTree.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process processing backlog is bounded ({@code order-service.processing.*}): a flood
 * of new orders beyond {@code max-backlog} is refused with 503, Retry-After and a problem
 * detail, and nothing of it is stored; every order that was accepted gets processed; the
 * service stays healthy throughout. The payment gateway is a stand-in of the test's that
 * holds every charge until the test lets it answer, so the backlog is full for as long as the
 * test needs it to be, whatever the machine's speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessingBacklogEndToEndTests {

	private static final int THREADS = 2;

	private static final int MAX_BACKLOG = 5;

	private static final int FLOOD = 60;

	private final HeldGateway gateway = new HeldGateway();

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private Api api;

	@BeforeAll
	void start() throws IOException {
		this.gateway.start();
		this.receiver = OtlpReceiver.start();
		Map<String, String> properties = new LinkedHashMap<>(
				SampleApplication.exportingTo(this.receiver.httpEndpoint()));
		properties.put("order-service.processing.threads", Integer.toString(THREADS));
		properties.put("order-service.processing.max-backlog", Integer.toString(MAX_BACKLOG));
		properties.put("order-service.processing.retry-after", "7s");
		properties.put("order-service.payment.gateway-url", this.gateway.url());
		// Held charges must wait for the test, not time out.
		properties.put("spring.http.clients.read-timeout", "5m");
		properties.put("spring.datasource.url", "jdbc:h2:mem:orders-backlog;DB_CLOSE_DELAY=-1");
		this.app = SampleApplication.run("", properties);
		this.api = new Api(this.app);
	}

	@AfterAll
	void stop() {
		this.gateway.open();
		if (this.app != null) {
			this.app.close();
		}
		this.receiver.close();
		this.gateway.stop();
	}

	@Test
	void floodBeyondTheBacklogIsRefusedWith503AndEveryAcceptedOrderIsProcessed() throws Exception {
		this.gateway.close();
		awaitBacklogDrained();
		List<Long> before = ids(this.api.get("/api/orders").json());

		List<Api.Response> answers = flood(FLOOD);

		List<Api.Response> accepted = answers.stream().filter((answer) -> answer.status() == 201).toList();
		List<Api.Response> refused = answers.stream().filter((answer) -> answer.status() == 503).toList();
		assertThat(accepted).as("accepted while every charge is held").hasSize(MAX_BACKLOG);
		assertThat(refused).as("every other answer").hasSize(FLOOD - MAX_BACKLOG);
		for (Api.Response answer : refused) {
			assertThat(answer.header("Retry-After")).isEqualTo("7");
			assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
			JsonNode problem = answer.json();
			assertThat(problem.get("type").asString())
				.isEqualTo("https://order-service.example/problems/processing-backlog-full");
			assertThat(problem.get("title").asString()).isEqualTo("Too many orders waiting for processing");
			assertThat(problem.get("status").asInt()).isEqualTo(503);
			assertThat(problem.get("detail").asString()).contains(MAX_BACKLOG + " orders");
			assertThat(problem.get("instance").asString()).isEqualTo("/api/orders");
		}

		// Full, and healthy: probes answer, reads work, and only the accepted orders exist.
		await(() -> this.gateway.held() == THREADS, "both processing threads to reach the gateway");
		assertThat(this.api.get("/health").status()).isEqualTo(200);
		assertThat(this.api.get("/health/ready").status()).isEqualTo(200);
		Api.Response list = this.api.get("/api/orders");
		assertThat(list.status()).isEqualTo(200);
		List<Long> stored = new ArrayList<>(ids(list.json()));
		stored.removeAll(before);
		assertThat(stored).as("orders stored by the flood")
			.containsExactlyInAnyOrderElementsOf(
					accepted.stream().map((answer) -> answer.json().get("id").asLong()).toList());
		assertThat(this.gateway.held()).as("charges in flight: one per processing thread").isEqualTo(THREADS);

		this.gateway.open();
		for (Api.Response answer : accepted) {
			JsonNode order = this.api.await("/api/orders/" + answer.json().get("id").asLong(),
					OrderApiEndToEndTests::isFinal);
			assertThat(order.get("status").asString()).isEqualTo("processed");
		}

		// Room again once the backlog has drained.
		awaitBacklogDrained();
		Api.Response after = this.api.post("/api/orders", "{\"product_name\":\"Lamp\",\"amount\":\"20.00\"}");
		assertThat(after.status()).as(after.body()).isEqualTo(201);
		assertThat(this.api.await("/api/orders/" + after.json().get("id").asLong(), OrderApiEndToEndTests::isFinal)
			.get("status")
			.asString()).isEqualTo("processed");
	}

	/** The refused request's server span records the 503; its INSERT was rolled back. */
	@Test
	void refusedOrderIsTracedAsA503() throws InterruptedException {
		this.gateway.close();
		awaitBacklogDrained();
		try {
			List<Api.Response> accepted = new ArrayList<>();
			for (int i = 0; i < MAX_BACKLOG; i++) {
				Api.Response answer = this.api.post("/api/orders", "{\"product_name\":\"Pen\",\"amount\":\"2.00\"}");
				assertThat(answer.status()).as(answer.body()).isEqualTo(201);
				accepted.add(answer);
			}
			Api.TraceParent trace = Api.newTrace();
			Api.Response refused = this.api.post("/api/orders", "{\"product_name\":\"Pen\",\"amount\":\"2.00\"}",
					trace.header());
			assertThat(refused.status()).as(refused.body()).isEqualTo(503);

			ReceivedSpan request = this.receiver.awaitSpan(
					(span) -> span.traceId().equals(trace.traceId()) && server("POST /api/orders").test(span));
			assertThat(request.attribute("http.response.status_code")).isEqualTo("503");
			assertThat(request.attribute("http.route")).isEqualTo("/api/orders");
			this.gateway.open();
			for (Api.Response answer : accepted) {
				this.api.await("/api/orders/" + answer.json().get("id").asLong(), OrderApiEndToEndTests::isFinal);
			}
		}
		finally {
			this.gateway.open();
		}
	}

	@Test
	void backlogOfZeroFailsStartUpNamingTheProperty() {
		// A database of its own: this application's create-drop must not touch the running one's.
		assertThatThrownBy(() -> SampleApplication.run("", Map.of("order-service.processing.max-backlog", "0",
				"spring.datasource.url", "jdbc:h2:mem:orders-backlog-invalid;DB_CLOSE_DELAY=-1")))
			.hasStackTraceContaining("order-service.processing.max-backlog is 0; set it to 1 or more");
	}

	/** Posts {@code count} orders from 8 client threads at once. */
	private List<Api.Response> flood(int count) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<Api.Response>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String body = "{\"product_name\":\"Flood " + i + "\",\"amount\":\"10.00\"}";
				answers.add(clients.submit(() -> this.api.post("/api/orders", body)));
			}
			List<Api.Response> result = new ArrayList<>();
			for (Future<Api.Response> answer : answers) {
				result.add(answer.get(60, TimeUnit.SECONDS));
			}
			return result;
		}
		finally {
			clients.shutdownNow();
		}
	}

	/**
	 * Waits until no order is queued or in processing: a processing thread gives its place
	 * back just after the order's final status is stored.
	 */
	private void awaitBacklogDrained() throws InterruptedException {
		ThreadPoolTaskExecutor executor = this.app.getBean("orderProcessingExecutor", ThreadPoolTaskExecutor.class);
		await(() -> executor.getActiveCount() == 0 && executor.getQueueSize() == 0, "the backlog to drain");
	}

	private static List<Long> ids(JsonNode orders) {
		return StreamSupport.stream(orders.spliterator(), false).map((order) -> order.get("id").asLong()).toList();
	}

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			Thread.sleep(20);
		}
	}

	/**
	 * A payment gateway on loopback that answers a charge only when the test opens it, so
	 * that orders stay in processing for as long as a test needs.
	 */
	private static final class HeldGateway {

		private final AtomicInteger held = new AtomicInteger();

		private final AtomicInteger charges = new AtomicInteger();

		private volatile CountDownLatch gate = new CountDownLatch(1);

		private HttpServer server;

		void start() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.createContext("/payment-gateway/orders/", this::charge);
			this.server.setExecutor(Executors.newCachedThreadPool());
			this.server.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		int held() {
			return this.held.get();
		}

		void open() {
			this.gate.countDown();
		}

		void close() {
			this.gate = new CountDownLatch(1);
		}

		void stop() {
			this.server.stop(0);
			((ExecutorService) this.server.getExecutor()).shutdownNow();
		}

		private void charge(HttpExchange exchange) throws IOException {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				CountDownLatch gate = this.gate;
				this.held.incrementAndGet();
				try {
					gate.await(5, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					this.held.decrementAndGet();
				}
				byte[] body = ("{\"id\":\"txn_held_" + this.charges.incrementAndGet() + "\",\"status\":\"succeeded\"}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(201, body.length);
				exchange.getResponseBody().write(body);
			}
		}

	}

}
