package dev.tracing.boot.redaction;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpanRedactorTests {

	private static final SpanContext CONTEXT = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
			"00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

	private static final SpanContext LINKED = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
			"b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());

	private final SpanRedactor redactor = new SpanRedactor(RedactionPropertiesBinding.masker(), List.of(),
			List.of());

	@Test
	void returnsACleanSpanAsItIs() {
		SpanData span = span("GET /api/orders/{id}",
				Attributes.builder()
					.put("http.request.method", "GET")
					.put("url.path", "/api/orders/12345")
					.put("http.response.status_code", 200L)
					.put(AttributeKey.stringArrayKey("http.request.header.x-request-id"), List.of("abc-123"))
					.build(),
				List.of(EventData.create(1, "cache miss", Attributes.of(AttributeKey.stringKey("key"), "order:1"))),
				List.of(LinkData.create(LINKED, Attributes.of(AttributeKey.stringKey("reason"), "retry"))),
				StatusData.create(StatusCode.ERROR, "timeout after 30s"));
		assertThat(this.redactor.redact(span)).isSameAs(span);
	}

	@Test
	void masksNameAttributesEventsLinksAndStatus() {
		SpanData span = span("notify alice@example.com",
				Attributes.builder()
					.put("customer.email", "alice@example.com")
					.put("order.id", "ORD-2024-000123")
					.put("order.amount", 149.99)
					.put(AttributeKey.stringArrayKey("http.request.header.authorization"),
							List.of("Bearer 7f3c9a1e5b2d4c6f"))
					.build(),
				List.of(EventData.create(1, "exception",
						Attributes.builder()
							.put("exception.message", "card 4111 1111 1111 1111 declined")
							.put("exception.stacktrace",
									"java.lang.IllegalStateException: card 4111 1111 1111 1111 declined\n\tat x.Y(Y.java:1)")
							.build()),
						EventData.create(2, "called 415-555-0132", Attributes.empty())),
				List.of(LinkData.create(LINKED, Attributes.of(AttributeKey.stringKey("contact"), "bob@example.org"), 3)),
				StatusData.create(StatusCode.ERROR, "declined for bob@example.org"));

		SpanData redacted = this.redactor.redact(span);

		assertThat(redacted.getName()).isEqualTo("notify ***@***.**");
		assertThat(redacted.getAttributes().get(AttributeKey.stringKey("customer.email"))).isEqualTo("***@***.**");
		assertThat(redacted.getAttributes().get(AttributeKey.stringKey("order.id"))).isEqualTo("ORD-2024-000123");
		assertThat(redacted.getAttributes().get(AttributeKey.doubleKey("order.amount"))).isEqualTo(149.99);
		assertThat(redacted.getAttributes().get(AttributeKey.stringArrayKey("http.request.header.authorization")))
			.containsExactly("Bearer ****");
		assertThat(redacted.getEvents()).hasSize(2);
		EventData exception = redacted.getEvents().get(0);
		assertThat(exception.getName()).isEqualTo("exception");
		assertThat(exception.getEpochNanos()).isEqualTo(1);
		assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
			.isEqualTo("card ****-****-****-**** declined");
		assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
			.startsWith("java.lang.IllegalStateException: card ****-****-****-**** declined\n");
		assertThat(redacted.getEvents().get(1).getName()).isEqualTo("called ***-***-****");
		assertThat(redacted.getLinks()).singleElement().satisfies((link) -> {
			assertThat(link.getSpanContext()).isEqualTo(LINKED);
			assertThat(link.getAttributes().get(AttributeKey.stringKey("contact"))).isEqualTo("***@***.**");
			assertThat(link.getTotalAttributeCount()).isEqualTo(3);
		});
		assertThat(redacted.getStatus()).isEqualTo(StatusData.create(StatusCode.ERROR, "declined for ***@***.**"));
		assertThat(redacted.getSpanContext()).isEqualTo(CONTEXT);
		assertThat(redacted.getKind()).isEqualTo(SpanKind.SERVER);
		assertThat(redacted.getStartEpochNanos()).isEqualTo(span.getStartEpochNanos());
		assertThat(redacted.getTotalAttributeCount()).isEqualTo(span.getTotalAttributeCount());
	}

	@Test
	void masksValuesOfSensitiveKeysAndSensitiveParametersInUrls() {
		SpanRedactor redactor = SpanRedactor.of(RedactionPropertiesBinding.masker(), RedactionPropertiesBinding.bind());
		SpanData span = span("GET /api/orders",
				Attributes.builder()
					.put("url.query", "page=2&apiToken=t-123&Session_Id=s-1")
					.put("url.full", "https://pay.example/charge?amount=1&api_key=k-1#frag")
					.put("user.password", "hunter2")
					.put(AttributeKey.stringArrayKey("http.request.header.x-auth-token"), List.of("a", "b"))
					.put("messaging.kafka.message.key", "order-7")
					.put("order.count", 3L)
					.build(),
				List.of(EventData.create(1, "login", Attributes.of(AttributeKey.stringKey("client_secret"), "cs"))),
				List.of(), StatusData.unset());
		SpanData redacted = redactor.redact(span);
		Attributes attributes = redacted.getAttributes();
		assertThat(attributes.get(AttributeKey.stringKey("url.query"))).isEqualTo("page=2&apiToken=REDACTED&Session_Id=REDACTED");
		assertThat(attributes.get(AttributeKey.stringKey("url.full")))
			.isEqualTo("https://pay.example/charge?amount=1&api_key=REDACTED#frag");
		assertThat(attributes.get(AttributeKey.stringKey("user.password"))).isEqualTo("[REDACTED]");
		assertThat(attributes.get(AttributeKey.stringArrayKey("http.request.header.x-auth-token")))
			.containsExactly("[REDACTED]", "[REDACTED]");
		assertThat(attributes.get(AttributeKey.stringKey("messaging.kafka.message.key"))).isEqualTo("order-7");
		assertThat(attributes.get(AttributeKey.longKey("order.count"))).isEqualTo(3L);
		assertThat(redacted.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("client_secret")))
			.isEqualTo("[REDACTED]");
	}

	@Test
	void exemptAttributesKeepTheirValuesEvenUnderASensitiveKey() {
		SpanRedactor redactor = SpanRedactor.of(RedactionPropertiesBinding.masker(),
				RedactionPropertiesBinding.bind("tracing.redaction.exempt-attributes", "session.id"));
		SpanData span = span("GET", Attributes.of(AttributeKey.stringKey("session.id"), "s-42"), List.of(), List.of(),
				StatusData.unset());
		assertThat(redactor.redact(span)).isSameAs(span);
	}

	@Test
	void keepsCleanEventsAndLinksAsTheyAre() {
		EventData clean = EventData.create(1, "cache miss", Attributes.empty());
		LinkData cleanLink = LinkData.create(LINKED);
		SpanData span = span("GET", Attributes.empty(),
				List.of(clean, EventData.create(2, "mail to alice@example.com", Attributes.empty())),
				List.of(cleanLink, LinkData.create(CONTEXT, Attributes.of(AttributeKey.stringKey("to"), "a@b.io"))),
				StatusData.unset());
		SpanData redacted = this.redactor.redact(span);
		assertThat(redacted.getEvents().get(0)).isSameAs(clean);
		assertThat(redacted.getLinks().get(0)).isSameAs(cleanLink);
		assertThat(redacted.getEvents().get(1).getName()).isEqualTo("mail to ***@***.**");
	}

	@Test
	void masksStringsInsideStructuredValues() {
		Value<?> body = Value.of(KeyValue.of("user", Value.of(KeyValue.of("email", Value.of("alice@example.com")))),
				KeyValue.of("items", Value.of(Value.of("415-555-0132"), Value.of(3L))));
		SpanData span = span("POST", Attributes.of(AttributeKey.valueKey("body"), body), List.of(), List.of(),
				StatusData.unset());
		Value<?> masked = this.redactor.redact(span).getAttributes().get(AttributeKey.valueKey("body"));
		assertThat(masked.asString()).contains("***@***.**").contains("***-***-****").contains("3")
			.doesNotContain("alice").doesNotContain("0132");
	}

	@Test
	void dropsListedAttributesEverywhereAndNeverMasksExemptOnes() {
		SpanRedactor redactor = new SpanRedactor(RedactionPropertiesBinding.masker(),
				List.of("enduser.id", "http.request.header.*"), List.of("support.contact"));
		SpanData span = span("GET",
				Attributes.builder()
					.put("enduser.id", "u-1")
					.put(AttributeKey.stringArrayKey("http.request.header.cookie"), List.of("session=1"))
					.put("support.contact", "support@example.com")
					.put("customer.email", "alice@example.com")
					.build(),
				List.of(EventData.create(1, "login", Attributes.of(AttributeKey.stringKey("enduser.id"), "u-1"))),
				List.of(), StatusData.unset());
		SpanData redacted = redactor.redact(span);
		assertThat(redacted.getAttributes().asMap()).hasSize(2);
		assertThat(redacted.getAttributes().get(AttributeKey.stringKey("support.contact")))
			.isEqualTo("support@example.com");
		assertThat(redacted.getAttributes().get(AttributeKey.stringKey("customer.email"))).isEqualTo("***@***.**");
		assertThat(redacted.getEvents().get(0).getAttributes().isEmpty()).isTrue();
	}

	@Test
	void exemptAttributesAloneLeaveASpanUntouched() {
		SpanRedactor redactor = new SpanRedactor(RedactionPropertiesBinding.masker(), List.of(),
				List.of("support.*"));
		SpanData span = span("GET", Attributes.of(AttributeKey.stringKey("support.contact"), "support@example.com"),
				List.of(), List.of(), StatusData.unset());
		assertThat(redactor.redact(span)).isSameAs(span);
	}

	@Test
	void theDisabledRedactorExportsSpansAsTheyAre() {
		SpanData span = span("notify alice@example.com", Attributes.of(AttributeKey.stringKey("to"), "a@b.io"),
				List.of(), List.of(), StatusData.unset());
		assertThat(SpanRedactor.NONE.redact(span)).isSameAs(span);
	}

	@Test
	void aReplacementMaskerThatReturnsEqualCopiesChangesNothing() {
		SpanRedactor redactor = new SpanRedactor((value) -> new String(value), List.of(), List.of());
		SpanData span = span("GET", Attributes.of(AttributeKey.stringKey("k"), "v"), List.of(), List.of(),
				StatusData.create(StatusCode.ERROR, "boom"));
		assertThat(redactor.redact(span)).isSameAs(span);
	}

	private static SpanData span(String name, Attributes attributes, List<EventData> events, List<LinkData> links,
			StatusData status) {
		return TestSpanData.builder()
			.setSpanContext(CONTEXT)
			.setName(name)
			.setKind(SpanKind.SERVER)
			.setStartEpochNanos(1_000)
			.setEndEpochNanos(2_000)
			.setHasEnded(true)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size() + 1)
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.setLinks(links)
			.setTotalRecordedLinks(links.size())
			.setStatus(status)
			.build();
	}

}
