package dev.tracing.boot.redaction;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak test: known e-mail addresses, phone numbers, card numbers and tokens are planted
 * in every place a request can carry them into a span, through the real servlet stack, the
 * engine's instrumentation and the OTLP exporter; then every byte the receiver got is
 * searched for each planted value (as written, URL-encoded and as bare digits). Values that
 * are not personal data (order ids, amounts, timestamps) must arrive unmasked.
 * <p>
 * One test per source, each with its own planted values, so that a failure names the
 * source. To add a source: add an endpoint (or use the feature's own) that puts a planted
 * value there, add a test that calls it, waits for the span that carries it, checks the
 * masked form arrived, and ends with {@link #assertNotOnWire(String...)}. Still to add when
 * their features land: request and response bodies captured as JSON (with and without
 * JSONPath redaction), headers captured by the starter's own capture, a Redis key, a
 * {@code @Traced} method argument, and a log-correlated span name.
 * <p>
 * The application runs with the engine's SQL sanitizer off and parameter capture on, so
 * that SQL literals and bound parameters reach the exporter and only masking stands
 * between them and the wire.
 */
class PrivacyLeakEndToEndTests {

	private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
			+ ".eyJzdWIiOiJjdXN0LTQyIiwiZW1haWwiOiJqd3QubGVha0BleGFtcGxlLmNvbSJ9"
			+ ".kq3Xv9Rj1bV0WJm2yPq3R9sYwG5c8uT0fL4nZ7aHdEo";

	private static final List<String> planted = new CopyOnWriteArrayList<>();

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	private static HttpCalls http;

	@BeforeAll
	static void startApplication() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of(
				"tracing.exporter.endpoint", receiver.httpEndpoint(),
				"otel.instrumentation.http.server.capture-request-headers",
				"authorization,x-customer-email,x-customer-phone",
				"otel.instrumentation.jdbc.query-sanitization.enabled", "false",
				"otel.instrumentation.jdbc.experimental.capture-query-parameters", "true"));
		http = new HttpCalls(app);
	}

	@AfterAll
	static void searchEverythingThatArrived() {
		try {
			http.flushSpans();
			assertThat(WireSearch.leaks(receiver.rawPayloads(), planted))
				.as("planted values found anywhere on the wire").isEmpty();
			assertThat(WireSearch.contains(receiver.rawPayloads(), "ORD-2024-000123"))
				.as("the search finds what did arrive").isTrue();
		}
		finally {
			app.close();
			receiver.close();
		}
	}

	@Test
	void exportsThroughTheMaskingExporter() {
		String tracerProvider = app.getBean(AutoConfiguredOpenTelemetrySdk.class)
			.getOpenTelemetrySdk()
			.getSdkTracerProvider()
			.toString();
		// Masking is the outermost wrapper: every exporter inside it (counting, failure
		// reporting, OTLP) only ever sees masked spans.
		assertThat(tracerProvider).containsPattern("spanExporter=RedactingSpanExporter\\{[A-Za-z{]*OtlpHttpSpanExporter");
	}

	@Test
	void urlPath() {
		String email = plant("path.leak@example.com");
		http.get("/privacy/customers/" + email + "/orders");
		ReceivedSpan server = serverSpan("/privacy/customers/{email}/orders");
		assertThat(server.attribute("url.path")).isEqualTo("/privacy/customers/***@***.**/orders");
		assertThat(server.name()).isEqualTo("GET /privacy/customers/{email}/orders");
		assertNotOnWire(email);
	}

	@Test
	void urlQuery() {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("email", plant("query.leak@example.net"));
		query.put("phone", plant("+1 415-555-0132"));
		query.put("card", plant("4111 1111 1111 1111"));
		query.put("memo", plant("5500 0000 0000 0004"));
		query.put("token", plant(JWT));
		query.put("orderId", "ORD-2024-000123");
		query.put("amount", "149.99");
		query.put("placedAt", "2024-06-10T12:34:56Z");
		query.put("ts", "1718022896000");
		http.get("/privacy/search?" + formEncode(query));
		ReceivedSpan server = serverSpan("/privacy/search");
		// card and token are sensitive names (tracing.redaction.sensitive-keys): their values are
		// replaced whatever they hold; the detectors mask what the other values contain.
		assertThat(server.attribute("url.query")).isEqualTo("email=***@***.**&phone=***-***-****"
				+ "&card=REDACTED&memo=****-****-****-****&token=REDACTED&orderId=ORD-2024-000123&amount=149.99"
				+ "&placedAt=2024-06-10T12%3A34%3A56Z&ts=1718022896000");
		assertNotOnWire(query.get("email"), query.get("phone"), query.get("card"), query.get("memo"),
				query.get("token"));
	}

	@Test
	void capturedRequestHeaders() {
		String token = plant("7f3c9a1e5b2d4c6f8a0e1d3b5c7f9a2e");
		String email = plant("header.leak@example.org");
		String phone = plant("(212) 555-0147");
		http.get("/privacy/ping", "Authorization", "Bearer " + token, "X-Customer-Email", email, "X-Customer-Phone",
				phone);
		ReceivedSpan server = serverSpan("/privacy/ping");
		// Authorization is always redacted: at span start.
		assertThat(server.attribute("http.request.header.authorization")).isEqualTo("[[REDACTED]]");
		assertThat(server.attribute("http.request.header.x-customer-email")).isEqualTo("[***@***.**]");
		assertThat(server.attribute("http.request.header.x-customer-phone")).isEqualTo("[***-***-****]");
		assertNotOnWire(token, email, phone);
	}

	@Test
	void customSpanName() {
		String email = plant("name.leak@example.com");
		http.get("/privacy/notify", "x-planted", email);
		ReceivedSpan server = serverSpan("/privacy/notify");
		ReceivedSpan custom = receiver.awaitSpan((span) -> span.traceId().equals(server.traceId())
				&& span.kind() == SpanKind.SPAN_KIND_INTERNAL);
		assertThat(custom.name()).isEqualTo("notify ***@***.**");
		assertNotOnWire(email);
	}

	@Test
	void exceptionMessage() {
		String card = plant("5555 5555 5555 4444");
		String email = plant("exception.leak@example.com");
		assertThat(http.get("/privacy/failure", "x-planted", "card " + card + " of " + email).statusCode())
			.isEqualTo(500);
		ReceivedSpan server = serverSpan("/privacy/failure");
		Span.Event exception = server.span()
			.getEventsList()
			.stream()
			.filter((event) -> event.getName().equals("exception"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no exception event on " + server.span()));
		assertThat(attribute(exception.getAttributesList(), "exception.message"))
			.endsWith("payment declined for card ****-****-****-**** of ***@***.**");
		assertThat(attribute(exception.getAttributesList(), "exception.stacktrace"))
			.contains("IllegalStateException: payment declined for card ****-****-****-**** of ***@***.**");
		assertNotOnWire(card, email);
	}

	@Test
	void attributesEventsLinksAndStatusSetByUserCode() {
		String phone = plant("+44 20 7946 0958");
		http.get("/privacy/attributes?orderId=ORD-2024-000123&amount=149.99&placedAt=2024-06-10T12:34:56Z"
				+ "&placedAtMillis=1718022896000", "x-planted", phone);
		ReceivedSpan server = serverSpan("/privacy/attributes");
		assertThat(server.attribute("customer.contact")).isEqualTo("***-***-****");
		assertThat(server.attribute("customer.contacts")).isEqualTo("[none, ***-***-****]");
		assertThat(server.span().getEventsList()).anySatisfy((event) -> {
			assertThat(event.getName()).isEqualTo("contacted ***-***-****");
			assertThat(attribute(event.getAttributesList(), "contact")).isEqualTo("***-***-****");
		});
		assertThat(server.attribute("order.id")).isEqualTo("ORD-2024-000123");
		assertThat(server.attribute("order.amount")).isEqualTo("149.99");
		assertThat(server.attribute("order.placed_at")).isEqualTo("2024-06-10T12:34:56Z");
		assertThat(server.attribute("order.placed_at_millis")).isEqualTo("1718022896000");
		assertThat(server.attribute("order.reference")).isEqualTo("1718022896000");
		ReceivedSpan followUp = receiver
			.awaitSpan((span) -> span.traceId().equals(server.traceId()) && span.name().equals("follow-up"));
		assertThat(followUp.span().getStatus().getMessage()).isEqualTo("could not reach ***-***-****");
		assertThat(followUp.span().getLinksList()).singleElement()
			.satisfies((link) -> assertThat(attribute(link.getAttributesList(), "contact")).isEqualTo("***-***-****"));
		assertNotOnWire(phone);
	}

	@Test
	void sqlLiteral() {
		String email = plant("sql.literal@example.com");
		http.get("/privacy/sql/literal", "x-planted", email);
		ReceivedSpan statement = clientSpanOf(serverSpan("/privacy/sql/literal"));
		assertThat(queryText(statement)).isEqualTo("SELECT LENGTH('***@***.**')");
		assertNotOnWire(email);
	}

	@Test
	void sqlBoundParameter() {
		String card = plant("6011 1111 1111 1117");
		http.get("/privacy/sql/parameter", "x-planted", card);
		ReceivedSpan statement = clientSpanOf(serverSpan("/privacy/sql/parameter"));
		assertThat(queryText(statement)).isEqualTo("SELECT LENGTH(?)");
		assertThat(statement.attribute("db.query.parameter.0")).isEqualTo("****-****-****-****");
		assertNotOnWire(card);
	}

	private static String plant(String value) {
		planted.add(value);
		return value;
	}

	/** Fails if any form of these values is anywhere in what the receiver got so far. */
	private static void assertNotOnWire(String... values) {
		http.flushSpans();
		assertThat(WireSearch.leaks(receiver.rawPayloads(), List.of(values))).as("planted values on the wire")
			.isEmpty();
	}

	private static ReceivedSpan serverSpan(String route) {
		return receiver.awaitSpan(
				(span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && route.equals(span.attribute("http.route")));
	}

	private static ReceivedSpan clientSpanOf(ReceivedSpan server) {
		return receiver.awaitSpan(
				(span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.traceId().equals(server.traceId()));
	}

	private static String queryText(ReceivedSpan statement) {
		String text = statement.attribute("db.query.text");
		return (text != null) ? text : statement.attribute("db.statement");
	}

	private static String attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse(null);
	}

	private static String formEncode(Map<String, String> query) {
		return query.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
