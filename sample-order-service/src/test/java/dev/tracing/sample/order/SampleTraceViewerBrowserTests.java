package dev.tracing.sample.order;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tracing.boot.testsupport.HeadlessChromium;
import dev.tracing.boot.viewer.TraceStore;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a newcomer first sees it: the default profile, no collector, the local viewer.
 * Headless Chromium opens {@code /tracing}, opens the trace of a high-value order, and the
 * waterfall must show the server span, its SQL, and the {@code @Traced} processing and payment
 * spans with the gateway call, each under its parent. The screenshot is the README's picture:
 * saved to {@code target/sample-trace.png}, and to the path in the system property
 * {@code tracing.sample.screenshot} when set ({@code ../docs/sample-trace.png}).
 */
class SampleTraceViewerBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String GATEWAY_SPAN = "POST /payment-gateway/orders/{orderId}/charges";

	@Test
	void highValueOrderTraceShowsItsWaterfall() {
		try (HeadlessChromium chromium = HeadlessChromium.start();
				ConfigurableApplicationContext app = SampleApplication.run("", Map.of())) {
			Api api = new Api(app);
			// A fresh application's first requests are slow: keep them out of the picture.
			assertThat(api.get("/api/orders").status()).isEqualTo(200);
			flush(app);
			app.getBean(TraceStore.class).clear();

			Api.Response created = api.post("/api/orders",
					"{\"product_name\":\"Laptop\",\"amount\":\"1499.00\",\"payment_method\":\"debit_card\"}");
			assertThat(created.status()).isEqualTo(201);
			long id = created.json().get("id").asLong();
			JsonNode order = api.await("/api/orders/" + id, (o) -> "processed".equals(o.get("status").asString()));
			assertThat(order.get("transaction_id").asString()).startsWith("txn_");
			flush(app);

			WebDriver browser = chromium.driver();
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			browser.get("http://localhost:" + port + "/tracing");
			await(() -> {
				Optional<WebElement> row = browser.findElements(By.cssSelector("tr.trace-row"))
					.stream()
					.filter((candidate) -> candidate.getText().contains("POST /api/orders"))
					.findFirst();
				row.ifPresent(WebElement::click);
				return row.isPresent() ? true : null;
			}, "the trace of POST /api/orders in the list");
			List<Map<String, String>> spans = await(() -> {
				List<Map<String, String>> rows = browser.findElements(By.cssSelector("#span-rows .span-row"))
					.stream()
					.map(SampleTraceViewerBrowserTests::describe)
					.toList();
				return rows.stream().anyMatch((row) -> row.get("name").equals(GATEWAY_SPAN)) ? rows : null;
			}, "the waterfall down to the payment gateway's server span");

			Map<String, String> server = spans.get(0);
			assertThat(server).containsEntry("kind", "SERVER").containsEntry("name", "POST /api/orders")
				.containsEntry("depth", "0");
			assertThat(childrenOf(spans, server)).anySatisfy((child) -> assertThat(child).containsEntry("kind", "CLIENT")
				.hasEntrySatisfying("name", (name) -> assertThat(name).startsWithIgnoringCase("insert")));
			Map<String, String> processOrder = single(spans, "process_order");
			assertThat(descendsFrom(spans, processOrder, server)).as("process_order is part of the request").isTrue();
			assertThat(childrenOf(spans, processOrder)).extracting((row) -> row.get("name"))
				.contains("validate_high_value_order", "process_payment")
				.anySatisfy((name) -> assertThat(name).startsWithIgnoringCase("select"))
				.anySatisfy((name) -> assertThat(name).startsWithIgnoringCase("update"));
			Map<String, String> payment = single(spans, "process_payment");
			assertThat(childrenOf(spans, payment)).extracting((row) -> row.get("kind") + " " + row.get("name"))
				.contains("INTERNAL validate_payment_method", "CLIENT POST");
			Map<String, String> gateway = single(spans, GATEWAY_SPAN);
			assertThat(gateway).containsEntry("kind", "SERVER");
			assertThat(parentOf(spans, gateway)).containsEntry("kind", "CLIENT").containsEntry("name", "POST");

			browser.findElements(By.cssSelector("#span-rows .span-row"))
				.stream()
				.filter((row) -> "process_payment".equals(row.getDomAttribute("data-name")))
				.findFirst()
				.orElseThrow()
				.click();
			await(() -> browser.findElement(By.id("details")).getText().contains("payment.method") ? true : null,
					"the details of process_payment with its @TracedAttribute values");
			save(chromium.screenshot());
		}
	}

	private static Map<String, String> describe(WebElement row) {
		return Map.of("id", row.getDomAttribute("data-span-id"), "parent", row.getDomAttribute("data-parent-id"),
				"depth", row.getDomAttribute("data-depth"), "kind", row.getDomAttribute("data-kind"), "name",
				row.getDomAttribute("data-name"));
	}

	private static Map<String, String> single(List<Map<String, String>> spans, String name) {
		List<Map<String, String>> named = spans.stream().filter((span) -> span.get("name").equals(name)).toList();
		assertThat(named).as("spans named %s in %s", name, spans).hasSize(1);
		return named.get(0);
	}

	private static List<Map<String, String>> childrenOf(List<Map<String, String>> spans, Map<String, String> parent) {
		return spans.stream().filter((span) -> span.get("parent").equals(parent.get("id"))).toList();
	}

	private static Map<String, String> parentOf(List<Map<String, String>> spans, Map<String, String> child) {
		return spans.stream().filter((span) -> span.get("id").equals(child.get("parent"))).findFirst().orElseThrow();
	}

	private static boolean descendsFrom(List<Map<String, String>> spans, Map<String, String> span,
			Map<String, String> ancestor) {
		Map<String, String> current = span;
		while (current != null && !current.get("parent").isEmpty()) {
			if (current.get("parent").equals(ancestor.get("id"))) {
				return true;
			}
			String parentId = current.get("parent");
			current = spans.stream().filter((candidate) -> candidate.get("id").equals(parentId)).findFirst().orElse(null);
		}
		return false;
	}

	private static void flush(ConfigurableApplicationContext app) {
		app.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.forceFlush()
			.join(10, TimeUnit.SECONDS);
	}

	private static <T> T await(Supplier<T> condition, String what) {
		return HeadlessChromium.await(condition, what, TIMEOUT);
	}

	private static void save(byte[] screenshot) {
		assertThat(screenshot.length).isGreaterThan(10_000);
		HeadlessChromium.write(Path.of("target", "sample-trace.png"), screenshot);
		String target = System.getProperty("tracing.sample.screenshot");
		if (target != null && !target.isBlank()) {
			HeadlessChromium.write(Path.of(target), screenshot);
		}
	}

}
