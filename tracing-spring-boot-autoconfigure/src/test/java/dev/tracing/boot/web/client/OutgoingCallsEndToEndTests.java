package dev.tracing.boot.web.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outgoing calls, APItoolkit's {@code observe_request}: a request to the application makes
 * calls with RestClient, RestTemplate and WebClient, all built from Spring Boot's builders,
 * to a second local HTTP server. Each call is a client span under the server span, carries
 * its URI template, has its captured headers redacted, and delivers a {@code traceparent}
 * that continues the same trace to the callee.
 */
class OutgoingCallsEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static final List<ReceivedCall> calleeCalls = new CopyOnWriteArrayList<>();

	private static HttpServer callee;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws IOException {
		callee = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		callee.createContext("/", OutgoingCallsEndToEndTests::answer);
		callee.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.datasource.url", "jdbc:h2:mem:outgoing;DB_CLOSE_DELAY=-1");
		properties.put("tracing.batch.schedule-delay", "100ms");
		properties.put("tracing.exporter.endpoint", receiver.httpEndpoint());
		properties.put("tracing.web.client.capture-request-headers", "X-Api-Key,X-Request-Id");
		properties.put("tracing.web.client.capture-response-headers", "Set-Cookie,X-Stock");
		properties.put("callee.url", "http://127.0.0.1:" + callee.getAddress().getPort());
		SpringApplication application = new SpringApplicationBuilder(CallerApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(properties)
			.build();
		app = application.run();
	}

	@AfterAll
	static void stop() {
		app.close();
		callee.stop(0);
		receiver.close();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			calleeCalls.add(new ReceivedCall(exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("traceparent")));
			byte[] body = "{\"available\":3}".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Set-Cookie", "sid=callee-cookie-secret");
			exchange.getResponseHeaders().add("X-Stock", "plenty");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Test
	void everyClientMakesAClientSpanInTheRequestTraceAndPropagatesIt() {
		HttpCalls http = new HttpCalls(app);
		assertThat(http.get("/api/checkout/SKU-42").body()).isEqualTo("3/3/3");
		ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/api/checkout/SKU-42".equals(span.attribute("url.path")));
		List<ReceivedSpan> clients = receiver.awaitSpans(
				(span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.traceId().equals(server.traceId())
						&& span.attribute("url.full") != null,
				3);
		assertThat(clients).hasSize(3).allSatisfy((client) -> {
			assertThat(client.parentSpanId()).isEqualTo(server.spanId());
			assertThat(client.attribute("http.response.status_code")).isEqualTo("200");
		});
		assertThat(clients).extracting((client) -> client.attribute("url.template"))
			.containsExactlyInAnyOrder("/inventory/{sku}?token={token}&page=1", "/prices/{sku}", "/shipping/{sku}");
		http.flushSpans();
		// Exactly one span per request and per call, with or without Micrometer observations.
		assertThat(receiver.spans().stream().filter((span) -> span.traceId().equals(server.traceId())))
			.extracting(ReceivedSpan::kind)
			.containsExactlyInAnyOrder(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_CLIENT, SpanKind.SPAN_KIND_CLIENT,
					SpanKind.SPAN_KIND_CLIENT);
		List<ReceivedCall> calls = calleeCalls.stream().filter((call) -> call.uri().contains("SKU-42")).toList();
		assertThat(calls).hasSize(3);
		for (ReceivedSpan client : clients) {
			String path = client.attribute("url.template").replace("{sku}", "SKU-42").replaceAll("\\?.*", "");
			ReceivedCall call = calls.stream().filter((c) -> c.uri().startsWith(path)).findFirst().orElseThrow();
			// Flags: sampled (01), plus the random trace id flag (02) of Trace Context level 2.
			assertThat(call.traceparent()).matches("00-" + server.traceId() + "-" + client.spanId() + "-0[13]");
		}
	}

	@Test
	void capturedClientHeadersAreRedactedAndQuerySecretsTooWhileTheCalleeGetsTheRealRequest() {
		HttpCalls http = new HttpCalls(app);
		assertThat(http.get("/api/checkout/SKU-43").statusCode()).isEqualTo(200);
		ReceivedSpan server = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/api/checkout/SKU-43".equals(span.attribute("url.path")));
		ReceivedSpan inventory = receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT
				&& span.traceId().equals(server.traceId()) && span.attribute("url.template").startsWith("/inventory/"));
		assertThat(inventory.attribute("url.full")).endsWith("/inventory/SKU-43?token=REDACTED&page=1");
		assertThat(inventory.attribute("http.request.header.x-api-key")).isEqualTo("[[REDACTED]]");
		assertThat(inventory.attribute("http.request.header.x-request-id")).isEqualTo("[checkout-SKU-43]");
		assertThat(inventory.attribute("http.response.header.set-cookie")).isEqualTo("[[REDACTED]]");
		assertThat(inventory.attribute("http.response.header.x-stock")).isEqualTo("[plenty]");
		assertThat(calleeCalls).extracting(ReceivedCall::uri).contains("/inventory/SKU-43?token=client-token-secret&page=1");
		http.flushSpans();
		StringBuilder exported = new StringBuilder();
		receiver.rawPayloads().forEach((payload) -> exported.append(new String(payload, StandardCharsets.ISO_8859_1)));
		assertThat(exported).doesNotContain("client-token-secret", "client-key-secret", "callee-cookie-secret");
	}

	record ReceivedCall(String uri, String traceparent) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(CheckoutController.class)
	static class CallerApplication {

	}

	@RestController
	static class CheckoutController {

		private final RestClient restClient;

		private final RestTemplate restTemplate;

		private final WebClient webClient;

		CheckoutController(RestClient.Builder restClient, RestTemplateBuilder restTemplate, WebClient.Builder webClient,
				Environment environment) {
			String callee = environment.getRequiredProperty("callee.url");
			this.restClient = restClient.baseUrl(callee).build();
			this.restTemplate = restTemplate.rootUri(callee).build();
			this.webClient = webClient.baseUrl(callee).build();
		}

		@GetMapping("/api/checkout/{sku}")
		String checkout(@PathVariable String sku) {
			String stock = this.restClient.get()
				.uri("/inventory/{sku}?token={token}&page=1", sku, "client-token-secret")
				.header("X-Api-Key", "client-key-secret")
				.header("X-Request-Id", "checkout-" + sku)
				.retrieve()
				.body(String.class);
			String price = this.restTemplate.getForObject("/prices/{sku}", String.class, sku);
			String shipping = this.webClient.get().uri("/shipping/{sku}", sku).retrieve().bodyToMono(String.class).block();
			return available(stock) + "/" + available(price) + "/" + available(shipping);
		}

		private static String available(String json) {
			return json.replaceAll("\\D", "");
		}

	}

}
