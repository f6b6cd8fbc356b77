package dev.tracing.boot.viewer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.tracing.boot.testsupport.HeadlessChromium;
import dev.tracing.boot.testsupport.HttpCalls;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer in a real browser: headless Chromium opens the page, the slowest trace is
 * picked from the list, and its waterfall must show the server span, the SQL spans and the
 * manual child span (standing in for a {@code @Traced} method) in the right nesting, with each
 * child's bar inside its parent's on the shared time axis. Screenshots are saved to
 * {@code target/viewer-list.png} and {@code target/viewer.png}, the latter also to the path in the system property
 * {@code tracing.viewer.screenshot} when set (the README's {@code docs/viewer.png} comes from
 * there).
 * <p>
 * Needs Chromium and its driver ({@code apt-get install -y chromium chromium-driver}); the
 * test is skipped, saying so, when they are absent. {@code TRACING_TEST_CHROMIUM} and
 * {@code TRACING_TEST_CHROMEDRIVER} point at other binaries.
 */
class ViewerBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void slowestTraceShowsItsWaterfallWithTheRightNesting() throws IOException {
		try (HeadlessChromium chromium = HeadlessChromium.start();
				ConfigurableApplicationContext app = ViewerTestApplication
					.run(Map.of("tracing.exporter.type", "none", "tracing.viewer.enabled", "true"))) {
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app);
			// The first requests of a fresh application are slow; keep them out of the list.
			http.get("/api/checkout/0");
			http.get("/api/fail");
			http.flushSpans();
			app.getBean(TraceStore.class).clear();
			http.get("/api/checkout/1");
			http.get("/api/checkout/2");
			String slowest = (String) ViewerClient.parse(http.get("/api/checkout/3?delayMs=600").body())
				.get("traceId");
			http.get("/api/checkout/4");
			http.get("/api/fail");
			http.flushSpans();
			viewer.awaitTrace(slowest, 5);

			WebDriver browser = chromium.driver();
			browser.get("http://localhost:" + viewer.port() + "/tracing");
			List<WebElement> rows = await(() -> {
				List<WebElement> found = browser.findElements(By.cssSelector("tr.trace-row"));
				return (found.size() >= 5) ? found : null;
			}, "the trace list to show 5 traces");
			WebElement longest = rows.stream()
				.max(Comparator.comparingDouble((row) -> Double.parseDouble(row.getDomAttribute("data-duration-ms"))))
				.orElseThrow();
			assertThat(longest.getDomAttribute("data-trace-id")).isEqualTo(slowest);

			browser.findElement(By.cssSelector("th[data-sort=duration]")).click();
			HeadlessChromium.write(Path.of("target", "viewer-list.png"), chromium.screenshot());
			// The list refreshes itself every two seconds: find the row afresh until a click lands.
			await(() -> {
				WebElement row = browser.findElement(By.cssSelector("tr.trace-row"));
				if (!slowest.equals(row.getDomAttribute("data-trace-id"))) {
					return null;
				}
				assertThat(row.getText()).contains("GET /api/checkout/{id}");
				row.click();
				return true;
			}, "sorting by duration to put the slowest trace first, and opening it");

			List<WebElement> spans = await(() -> {
				List<WebElement> found = browser.findElements(By.cssSelector("#span-rows .span-row"));
				return (found.size() == 5) ? found : null;
			}, "the waterfall of trace " + slowest + " to show its 5 spans");
			assertThat(browser.getCurrentUrl()).endsWith("#/trace/" + slowest);
			assertNesting(spans);

			WebElement price = spans.stream()
				.filter((row) -> "PriceCalculator.price".equals(row.getDomAttribute("data-name")))
				.findFirst()
				.orElseThrow();
			WebElement sqlInPrice = spans.stream()
				.filter((row) -> Objects.equals(row.getDomAttribute("data-parent-id"),
						price.getDomAttribute("data-span-id")))
				.findFirst()
				.orElseThrow();
			sqlInPrice.click();
			WebElement details = await(() -> {
				WebElement panel = browser.findElement(By.id("details"));
				return panel.isDisplayed() && panel.getText().contains("CLIENT") ? panel : null;
			}, "the details of the SQL span");
			assertThat(details.getText()).contains("SELECT").containsPattern("db\\.[a-z.]+");
			price.click();
			await(() -> browser.findElement(By.id("details")).getText().contains("price.computed") ? true : null,
					"the details of the manual span with its event");

			byte[] screenshot = chromium.screenshot();
			assertThat(screenshot.length).isGreaterThan(10_000);
			save(screenshot);
		}
	}

	/**
	 * A trace with spans of two services, the second's received over OTLP: the list names
	 * both services, each of the worker's rows in the waterfall carries its service, and its
	 * details show the worker's resource, not the web application's.
	 */
	@Test
	void traceAcrossTwoServicesShowsWhichServiceMadeEachSpan() throws Exception {
		try (HeadlessChromium chromium = HeadlessChromium.start();
				ConfigurableApplicationContext app = ViewerTestApplication
					.run(Map.of("tracing.exporter.type", "none", "tracing.viewer.enabled", "true"))) {
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app);
			Map<String, Object> published = ViewerClient.parse(http.get("/api/enqueue").body());
			String traceId = (String) published.get("traceId");
			String parent = ((Map<?, ?>) published.get("headers")).get("traceparent").toString().split("-")[2];
			http.flushSpans();
			java.net.http.HttpResponse<String> accepted = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + viewer.port()
						+ "/tracing/v1/traces"))
					.header("Content-Type", "application/x-protobuf")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(workerSpan(traceId, parent)))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(accepted.statusCode()).isEqualTo(200);
			viewer.awaitTrace(traceId, 3);

			WebDriver browser = chromium.driver();
			browser.get("http://localhost:" + viewer.port() + "/tracing");
			WebElement row = await(() -> browser.findElements(By.cssSelector("tr.trace-row")).stream()
				.filter((candidate) -> traceId.equals(candidate.getDomAttribute("data-trace-id")))
				.findFirst()
				.orElse(null), "the trace in the list");
			assertThat(row.getText()).contains("checkout-service + checkout-worker");
			row.click();
			WebElement consumer = await(() -> browser.findElements(By.cssSelector("#span-rows .span-row")).stream()
				.filter((candidate) -> "CONSUMER".equals(candidate.getDomAttribute("data-kind")))
				.findFirst()
				.orElse(null), "the worker's span in the waterfall");
			assertThat(consumer.findElement(By.cssSelector(".service-tag")).getText()).isEqualTo("checkout-worker");
			assertThat(browser.findElements(By.cssSelector("#span-rows .service-tag"))).extracting(WebElement::getText)
				.containsExactlyInAnyOrder("checkout-service", "checkout-service", "checkout-worker");
			consumer.click();
			WebElement details = await(() -> {
				WebElement panel = browser.findElement(By.id("details"));
				return panel.isDisplayed() && panel.getText().contains("worker-host") ? panel : null;
			}, "the worker's span details with its resource");
			assertThat(details.getText()).contains("checkout-worker").doesNotContain("checkout-service");
			HeadlessChromium.write(Path.of("target", "viewer-two-services.png"), chromium.screenshot());
		}
	}

	/** An OTLP request with one worker span, a child of {@code parent} in {@code traceId}. */
	private static byte[] workerSpan(String traceId, String parent) {
		long now = System.currentTimeMillis() * 1_000_000L;
		return io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
				.setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
					.addAttributes(keyValue("service.name", "checkout-worker"))
					.addAttributes(keyValue("host.name", "worker-host")))
				.addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
					.addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
						.setTraceId(com.google.protobuf.ByteString.fromHex(traceId))
						.setSpanId(com.google.protobuf.ByteString.fromHex("00f067aa0ba902b7"))
						.setParentSpanId(com.google.protobuf.ByteString.fromHex(parent))
						.setName("process orders")
						.setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CONSUMER)
						.setStartTimeUnixNano(now)
						.setEndTimeUnixNano(now + 5_000_000L))))
			.build()
			.toByteArray();
	}

	private static io.opentelemetry.proto.common.v1.KeyValue keyValue(String key, String value) {
		return io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
			.setKey(key)
			.setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(value))
			.build();
	}

	/**
	 * The list shows the requests first, under a heading, then the background work under
	 * its own, in either sort order.
	 */
	@Test
	void requestsAreListedAheadOfBackgroundWork() {
		try (HeadlessChromium chromium = HeadlessChromium.start();
				ConfigurableApplicationContext app = ViewerTestApplication
					.run(Map.of("tracing.exporter.type", "none", "tracing.viewer.enabled", "true"))) {
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app);
			http.get("/api/checkout/1");
			http.get("/api/background?count=3");
			http.get("/api/checkout/2?delayMs=300");
			http.flushSpans();
			await(() -> (viewer.traces("").size() == 6) ? true : null, "the viewer to hold 6 traces");

			WebDriver browser = chromium.driver();
			browser.get("http://localhost:" + viewer.port() + "/tracing");
			for (String sort : List.of("start", "duration")) {
				browser.findElement(By.cssSelector("th[data-sort=" + sort + "]")).click();
				List<String> rows = await(() -> {
					List<WebElement> found = browser.findElements(By.cssSelector("#trace-rows tr"));
					if (found.size() != 8) {
						return null;
					}
					return found.stream()
						.map((row) -> row.getDomAttribute("class").contains("group-row") ? row.getText()
								: row.getDomAttribute("data-request"))
						.toList();
				}, "the list to show 6 traces under 2 headings");
				assertThat(rows).as(sort).containsExactly("REQUESTS", "true", "true", "true",
						"BACKGROUND WORK (NOT STARTED BY A REQUEST)", "false", "false", "false");
			}
		}
	}

	/**
	 * Opening the viewer and letting it refresh its list adds no trace to that list: not its
	 * own requests, and no {@code GET /favicon.ico 404}, because the page declares an inline
	 * icon. The same browser opening a page of the application that has no icon does ask for
	 * {@code /favicon.ico}, which is traced as the application's request it is.
	 */
	@Test
	void openingTheViewerAddsNoTraceToItsList() {
		try (HeadlessChromium chromium = HeadlessChromium.start();
				ConfigurableApplicationContext app = ViewerTestApplication
					.run(Map.of("tracing.exporter.type", "none", "tracing.viewer.enabled", "true"))) {
			HttpCalls http = new HttpCalls(app);
			ViewerClient viewer = new ViewerClient(app);
			http.get("/api/checkout/0");
			http.flushSpans();
			TraceStore store = app.getBean(TraceStore.class);
			store.clear();

			WebDriver browser = chromium.driver();
			browser.get("http://localhost:" + viewer.port() + "/tracing");
			String firstUpdate = await(() -> {
				String status = browser.findElement(By.id("list-status")).getText();
				return status.startsWith("updated") ? status : null;
			}, "the trace list to load");
			await(() -> {
				String status = browser.findElement(By.id("list-status")).getText();
				return (status.startsWith("updated") && !status.equals(firstUpdate)) ? true : null;
			}, "the trace list to refresh itself");
			http.flushSpans();
			assertThat(viewer.traces("")).isEmpty();
			assertThat(store.statistics().traces()).isZero();

			browser.get("http://localhost:" + viewer.port() + "/api/checkout/1");
			await(() -> {
				http.flushSpans();
				return viewer.traces("route=favicon").isEmpty() ? null : true;
			}, "the browser to ask a page without an icon of its own for /favicon.ico");
		}
	}

	/**
	 * Server span at the top; one SQL statement and the manual span below it; two SQL
	 * statements below the manual span. Every child's bar lies within its parent's bar and
	 * its name is indented further.
	 */
	private static void assertNesting(List<WebElement> rows) {
		List<Map<String, String>> shown = rows.stream()
			.map((row) -> Map.of("id", row.getDomAttribute("data-span-id"), "parent",
					row.getDomAttribute("data-parent-id"), "depth", row.getDomAttribute("data-depth"), "kind",
					row.getDomAttribute("data-kind"), "name", row.getDomAttribute("data-name")))
			.toList();
		Map<String, String> server = shown.get(0);
		assertThat(server).containsEntry("kind", "SERVER").containsEntry("depth", "0")
			.containsEntry("name", "GET /api/checkout/{id}").containsEntry("parent", "");
		Map<String, String> price = shown.stream()
			.filter((row) -> row.get("name").equals("PriceCalculator.price"))
			.findFirst()
			.orElseThrow();
		assertThat(price).containsEntry("kind", "INTERNAL").containsEntry("depth", "1")
			.containsEntry("parent", server.get("id"));
		assertThat(shown).filteredOn((row) -> row.get("kind").equals("CLIENT"))
			.extracting((row) -> row.get("parent") + "@" + row.get("depth"))
			.containsExactlyInAnyOrder(server.get("id") + "@1", price.get("id") + "@2", price.get("id") + "@2");
		int priceIndex = shown.indexOf(price);
		assertThat(shown.subList(priceIndex + 1, priceIndex + 3)).allSatisfy(
				(row) -> assertThat(row).containsEntry("parent", price.get("id")));

		Map<String, Integer> indexById = new HashMap<>();
		for (int i = 0; i < shown.size(); i++) {
			indexById.put(shown.get(i).get("id"), i);
		}
		for (int i = 1; i < rows.size(); i++) {
			WebElement child = rows.get(i);
			WebElement parent = rows.get(indexById.get(shown.get(i).get("parent")));
			Rectangle childBar = child.findElement(By.cssSelector(".span-bar")).getRect();
			Rectangle parentBar = parent.findElement(By.cssSelector(".span-bar")).getRect();
			assertThat(childBar.getX()).as("start of %s", shown.get(i)).isGreaterThanOrEqualTo(parentBar.getX() - 1);
			// A bar is at least 2px wide, so a statement that ends with its parent may poke out by that.
			assertThat(childBar.getX() + childBar.getWidth()).as("end of %s", shown.get(i))
				.isLessThanOrEqualTo(parentBar.getX() + parentBar.getWidth() + 3);
			assertThat(labelX(child)).as("indentation of %s", shown.get(i)).isGreaterThan(labelX(parent));
		}
	}

	private static int labelX(WebElement row) {
		return row.findElement(By.cssSelector(".span-name .label")).getRect().getX();
	}

	private static <T> T await(Supplier<T> condition, String what) {
		return HeadlessChromium.await(condition, what, TIMEOUT);
	}

	private static void save(byte[] screenshot) throws IOException {
		HeadlessChromium.write(Path.of("target", "viewer.png"), screenshot);
		String docs = System.getProperty("tracing.viewer.screenshot");
		if (docs != null && !docs.isBlank()) {
			HeadlessChromium.write(Path.of(docs), screenshot);
		}
	}

}
