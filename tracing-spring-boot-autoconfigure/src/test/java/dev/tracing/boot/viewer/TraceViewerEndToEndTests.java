package dev.tracing.boot.viewer;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.common.v1.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The viewer beside OTLP export, in a real application: it holds exactly the spans that
 * reached the collector, with the same attributes after the exporter wrappers (here a
 * stand-in for redaction) have run; its own requests are not traced; its page is
 * self-contained; and it answers only loopback clients, whatever the URL's spelling.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TraceViewerEndToEndTests {

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private HttpCalls http;

	private ViewerClient viewer;

	@BeforeAll
	void start() {
		this.receiver = OtlpReceiver.start();
		this.app = ViewerTestApplication.run(Map.of("tracing.exporter.endpoint", this.receiver.httpEndpoint(),
				"tracing.viewer.enabled", "true"));
		this.http = new HttpCalls(this.app);
		this.viewer = new ViewerClient(this.app);
		// The first request of a fresh application is slow; none of the tests should see it.
		this.http.get("/api/checkout/0");
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.receiver.close();
	}

	@Test
	void viewerHoldsExactlyTheSpansThatWereExportedAfterRedaction() {
		String traceId = checkout("/api/checkout/7");
		this.http.flushSpans();
		List<ReceivedSpan> exported = this.receiver.awaitSpans((span) -> span.traceId().equals(traceId), 5);

		Map<String, Object> trace = this.viewer.awaitTrace(traceId, exported.size());
		List<Map<String, Object>> shown = spans(trace);
		assertThat(shown).extracting((span) -> span.get("spanId"))
			.containsExactlyInAnyOrderElementsOf(exported.stream().map(ReceivedSpan::spanId).toList());
		Map<String, Map<String, Object>> shownById = shown.stream()
			.collect(Collectors.toMap((span) -> (String) span.get("spanId"), (span) -> span));
		for (ReceivedSpan span : exported) {
			Map<String, Object> same = shownById.get(span.spanId());
			assertThat(same.get("name")).isEqualTo(span.name());
			assertThat(same.get("kind")).isEqualTo(span.kind().name().replace("SPAN_KIND_", ""));
			String parent = span.parentSpanId().isEmpty() ? null : span.parentSpanId();
			assertThat(same.get("parentSpanId")).isEqualTo(parent);
			assertThat(attributes(same)).as("attributes of %s", span).isEqualTo(attributes(span));
		}
		ReceivedSpan server = exported.stream().filter((span) -> span.parentSpanId().isEmpty()).findFirst().orElseThrow();
		assertThat(server.attribute("enduser.email")).isEqualTo(ViewerTestApplication.MASKED);
		String body = this.viewer.get("127.0.0.1", "/tracing/api/traces/" + traceId).body();
		assertThat(body).contains(ViewerTestApplication.MASKED).doesNotContain(ViewerTestApplication.EMAIL_VALUE);
		assertThat(this.receiver.rawPayloads()).noneMatch((payload) -> new String(payload, StandardCharsets.ISO_8859_1)
			.contains(ViewerTestApplication.EMAIL_VALUE));
	}

	@Test
	void traceListSummarisesAndFilters() {
		String fast = checkout("/api/checkout/1");
		String slow = checkout("/api/checkout/2?delayMs=600");
		assertThat(this.http.get("/api/fail").statusCode()).isEqualTo(500);
		this.http.flushSpans();
		this.viewer.awaitTrace(slow, 5);
		this.viewer.awaitTrace(fast, 5);

		Map<String, Object> slowSummary = this.viewer.traces("route=checkout")
			.stream()
			.filter((trace) -> trace.get("traceId").equals(slow))
			.findFirst()
			.orElseThrow();
		assertThat(slowSummary.get("rootName")).isEqualTo("GET /api/checkout/{id}");
		assertThat(slowSummary.get("route")).isEqualTo("/api/checkout/{id}");
		assertThat(slowSummary.get("method")).isEqualTo("GET");
		assertThat(((Number) slowSummary.get("statusCode")).intValue()).isEqualTo(200);
		assertThat(slowSummary.get("error")).isEqualTo(false);
		assertThat(((Number) slowSummary.get("spanCount")).intValue()).isEqualTo(5);
		assertThat(((Number) slowSummary.get("durationMs")).doubleValue()).isGreaterThanOrEqualTo(600.0);
		assertThat(slowSummary.get("service")).isEqualTo("checkout-service");

		assertThat(traceIds("minDurationMs=500")).contains(slow).doesNotContain(fast);
		assertThat(traceIds("route=CHECKOUT")).contains(slow, fast);
		List<Map<String, Object>> failures = this.viewer.traces("status=5xx");
		assertThat(failures).isNotEmpty().allSatisfy((trace) -> {
			assertThat(trace.get("route")).isEqualTo("/api/fail");
			assertThat(trace.get("error")).isEqualTo(true);
		});
		assertThat(traceIds("status=error")).doesNotContain(slow, fast);
		assertThat(traceIds("status=ok")).contains(slow, fast);
		assertThat(traceIds("status=200")).contains(slow, fast);
		assertThat(this.viewer.get("127.0.0.1", "/tracing/api/traces?status=teapot").statusCode()).isEqualTo(400);
		assertThat(this.viewer.get("127.0.0.1", "/tracing/api/traces/not-a-trace").statusCode()).isEqualTo(400);
		assertThat(this.viewer.get("127.0.0.1", "/tracing/api/traces/" + "0".repeat(32)).statusCode()).isEqualTo(404);
	}

	@Test
	void failedRequestShowsTheErrorAndTheException() {
		assertThat(this.http.get("/api/fail").statusCode()).isEqualTo(500);
		this.http.flushSpans();
		ReceivedSpan server = this.receiver
			.awaitSpan((span) -> "/api/fail".equals(span.attribute("http.route")) && span.parentSpanId().isEmpty());
		Map<String, Object> trace = this.viewer.awaitTrace(server.traceId(), 2);
		Map<String, Object> root = spans(trace).stream()
			.filter((span) -> span.get("spanId").equals(server.spanId()))
			.findFirst()
			.orElseThrow();
		assertThat(root.get("status")).isEqualTo("ERROR");
		assertThat(trace.get("error")).isEqualTo(true);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> events = (List<Map<String, Object>>) root.get("events");
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("name")).isEqualTo("exception");
			@SuppressWarnings("unchecked")
			Map<String, Object> attributes = (Map<String, Object>) event.get("attributes");
			assertThat((String) attributes.get("exception.message")).contains("payment declined");
			assertThat((String) attributes.get("exception.stacktrace")).contains("IllegalStateException");
		});
	}

	@Test
	void viewerRequestsAreNotTraced() {
		assertThat(this.viewer.get("127.0.0.1", "/tracing").statusCode()).isEqualTo(200);
		assertThat(this.viewer.get("127.0.0.1", "/tracing/viewer.js").statusCode()).isEqualTo(200);
		assertThat(this.viewer.get("127.0.0.1", "/tracing/api/traces").statusCode()).isEqualTo(200);
		String marker = checkout("/api/checkout/99");
		this.http.flushSpans();
		this.receiver.awaitSpan((span) -> span.traceId().equals(marker));

		assertThat(this.receiver.spans()).noneMatch((span) -> {
			String path = span.attribute("url.path");
			return path != null && path.startsWith("/tracing");
		});
		assertThat(this.viewer.traces("route=tracing")).isEmpty();
	}

	@Test
	void pageIsSelfContained() {
		HttpResponse<String> page = this.viewer.get("127.0.0.1", "/tracing");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
		Matcher references = Pattern.compile("(?:src|href)=\"([^\"#]+)\"").matcher(page.body());
		int count = 0;
		List<String> inline = new java.util.ArrayList<>();
		while (references.find()) {
			String reference = references.group(1);
			if (reference.startsWith("data:")) {
				// Inline: the browser asks nothing for it.
				inline.add(reference);
				continue;
			}
			assertThat(reference).as("page reference").startsWith("/tracing/");
			assertThat(this.viewer.get("127.0.0.1", reference).statusCode()).as(reference).isEqualTo(200);
			count++;
		}
		assertThat(count).isEqualTo(2);
		// Its own icon, so that a browser opening the viewer does not ask the application for
		// /favicon.ico (a request of the application's, traced like any other); the policy
		// allows data: images.
		assertThat(inline).singleElement().asString().startsWith("data:image/svg+xml;base64,");
		assertThat(page.body()).containsPattern("<link rel=\"icon\"[^>]*href=\"data:image/svg\\+xml;base64,");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("img-src 'self' data:"));
		for (String asset : List.of("/tracing", "/tracing/viewer.js", "/tracing/viewer.css")) {
			assertThat(this.viewer.get("127.0.0.1", asset).body()).as(asset)
				.doesNotContainPattern("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/")
				.doesNotContain("@import", "url(http");
		}
	}

	@Test
	void requestFromAnotherMachineIsRefused() {
		InetAddress address = ViewerClient.nonLoopbackAddress().orElse(null);
		assumeTrue(address != null, "this machine has no non-loopback IPv4 address to call the viewer from");
		String host = address.getHostAddress();

		HttpResponse<String> refused = this.viewer.get(host, "/tracing/api/traces");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("comes from " + host).contains("tracing.viewer.allow-remote=true");
		assertThat(this.viewer.get(host, "/tracing").statusCode()).isEqualTo(403);
		assertThat(this.viewer.get(host, "/tracing/viewer.js").statusCode()).isEqualTo(403);
		// The same server answers that address for the application itself.
		assertThat(this.viewer.get(host, "/api/checkout/3").statusCode()).isEqualTo(200);
	}

	@Test
	void loopbackRequestForAnotherHostOrThroughAProxyIsRefused() {
		assertThat(this.viewer.rawGet("/tracing/api/traces", "Host: localhost")).startsWith("HTTP/1.1 200");
		assertThat(this.viewer.rawGet("/tracing/api/traces", "Host: 127.0.0.1:" + this.viewer.port()))
			.startsWith("HTTP/1.1 200");
		String rebound = this.viewer.rawGet("/tracing/api/traces", "Host: attacker.example");
		assertThat(rebound).startsWith("HTTP/1.1 403").contains("addressed to host 'attacker.example'");
		String proxied = this.viewer.rawGet("/tracing/api/traces", "Host: localhost", "X-Forwarded-For: 203.0.113.9");
		assertThat(proxied).startsWith("HTTP/1.1 403").contains("passed through a proxy");
	}

	/**
	 * Spellings that the container maps to the viewer's servlet, as it normalises the path:
	 * path parameters, doubled slashes, dot segments, percent-encoding. Before the viewer's
	 * filter each of the redirected ones made the engine's route lookup throw after the
	 * response (Spring's request path parser rejects them for a path-mapped servlet): an ERROR
	 * with a 40-line stack trace per request. The application has served a Spring MVC request
	 * already (in start()), so the engine's route lookup is armed.
	 */
	@Test
	void viewerUrlsInAnySpellingAreAnsweredWithoutAStackTraceAndNeverTraced(CapturedOutput output) {
		Map<String, String> redirected = new java.util.LinkedHashMap<>();
		redirected.put("/tracing;x=1", "/tracing");
		redirected.put("/tracing;/api/traces", "/tracing/api/traces");
		redirected.put("//tracing/api/traces", "/tracing/api/traces");
		redirected.put("/./tracing", "/tracing");
		redirected.put("/%74racing/api/traces?limit=5", "/tracing/api/traces?limit=5");
		redirected.put("/api/../tracing/viewer.js", "/tracing/viewer.js");
		redirected.put("/tracing;jsessionid=1/api/traces/" + "0".repeat(32), "/tracing/api/traces/" + "0".repeat(32));
		redirected.forEach((spelling, canonical) -> {
			String response = this.viewer.rawGet(spelling);
			assertThat(response).as(spelling).startsWith("HTTP/1.1 308").containsIgnoringCase("Location: " + canonical + "\r\n");
			assertThat(this.viewer.rawGet(canonical)).as(canonical).startsWith("HTTP/1.1 " + (canonical.contains("/api/traces/") ? "404" : "200"));
		});
		for (String served : List.of("/tracing/;x", "/tracing/api/traces;x=1?limit=5", "/tracing/%61pi/traces",
				"/tracing/api/../viewer.js", "/tracing//api/traces")) {
			assertThat(this.viewer.rawGet(served)).as(served).startsWith("HTTP/1.1 200");
		}
		String marker = checkout("/api/checkout/98");
		this.http.flushSpans();
		this.receiver.awaitSpan((span) -> span.traceId().equals(marker));

		assertThat(this.receiver.spans()).noneMatch((span) -> {
			String path = span.attribute("url.path");
			return path != null && (path.contains("tracing") || path.contains("racing"));
		});
		assertThat(this.viewer.traces("route=racing")).isEmpty();
		assertThat(output.getAll()).doesNotContain("Invalid contextPath", "Servlet.service()")
			.doesNotContainPattern("(?m)^\\S+\\s+ERROR ");
	}

	@Test
	void refusedClientGets403WhateverTheSpelling(CapturedOutput output) {
		for (String spelling : List.of("/tracing;x=1", "/tracing;/api/traces", "//tracing/api/traces", "/./tracing",
				"/tracing/api/traces")) {
			String proxied = this.viewer.rawGet(spelling, "Host: localhost", "X-Forwarded-For: 203.0.113.9");
			assertThat(proxied).as(spelling).startsWith("HTTP/1.1 403").contains("passed through a proxy");
			String rebound = this.viewer.rawGet(spelling, "Host: attacker.example");
			assertThat(rebound).as(spelling).startsWith("HTTP/1.1 403").contains("attacker.example");
		}
		InetAddress address = ViewerClient.nonLoopbackAddress().orElse(null);
		if (address != null) {
			String host = address.getHostAddress();
			assertThat(this.viewer.get(host, "/tracing;x=1").statusCode()).isEqualTo(403);
			assertThat(this.viewer.get(host, "//tracing/api/traces").statusCode()).isEqualTo(403);
		}
		this.http.flushSpans();
		assertThat(this.receiver.spans()).noneMatch((span) -> {
			String path = span.attribute("url.path");
			return path != null && path.contains("tracing");
		});
		assertThat(output.getAll()).doesNotContain("Invalid contextPath", "Servlet.service()")
			.doesNotContainPattern("(?m)^\\S+\\s+ERROR ");
	}

	private String checkout(String path) {
		HttpResponse<String> response = this.http.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		return (String) ViewerClient.parse(response.body()).get("traceId");
	}

	private List<String> traceIds(String query) {
		return this.viewer.traces(query).stream().map((trace) -> (String) trace.get("traceId")).toList();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> spans(Map<String, Object> trace) {
		return (List<Map<String, Object>>) trace.get("spans");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> attributes(Map<String, Object> span) {
		Map<String, String> attributes = new HashMap<>();
		((Map<String, Object>) span.get("attributes")).forEach((key, value) -> attributes.put(key, String.valueOf(value)));
		return attributes;
	}

	private static Map<String, String> attributes(ReceivedSpan span) {
		Map<String, String> attributes = new HashMap<>();
		for (KeyValue attribute : span.span().getAttributesList()) {
			attributes.put(attribute.getKey(), span.attribute(attribute.getKey()));
		}
		return attributes;
	}

}
