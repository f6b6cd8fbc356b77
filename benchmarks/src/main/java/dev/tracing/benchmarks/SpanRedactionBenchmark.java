package dev.tracing.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.redaction.PiiMasker;
import dev.tracing.boot.redaction.RedactionProperties;
import dev.tracing.boot.redaction.SpanRedactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * What masking costs per exported span, on the exporter thread: a typical server span with
 * twelve attributes and no personal data (budget: under 1 µs, nothing allocated), the same
 * span with personal data in its query and an exception event, the same span with values
 * that look like personal data to the pre-scan but are not (timestamps, a Luhn-invalid
 * number, an {@code @} without an address), and the typical
 * span again with one user pattern configured; and, for scale, the OTLP serialisation the
 * exporter performs on every span anyway. Run with {@code -prof gc} to see the allocation
 * per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpanRedactionBenchmark {

	private static final SpanContext CONTEXT = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
			"00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

	private final SpanRedactor defaults = redactor(Map.of());

	private final SpanRedactor withUserPattern = redactor(Map.of("tracing.redaction.patterns[0].name", "customer-id",
			"tracing.redaction.patterns[0].regex", "CUST-\\d{6}"));

	private final SpanData typical = span("GET /api/orders/{id}", typicalAttributes("expand=items&page=2"),
			List.of());

	/** No personal data, but values that pass the pre-scan and reach the detectors. */
	private final SpanData nearMisses = span("GET /api/orders/{id}",
			typicalAttributes("placedAt=2024-06-10+12:34:56&ts=1718022896000&ref=4111111111111112&by=@ops"),
			List.of());

	private final SpanData withPii = span("GET /api/orders/{id}",
			typicalAttributes("email=alice%40example.com&phone=415-555-0132&card=4111+1111+1111+1111"),
			List.of(EventData.create(1, "exception", Attributes.builder()
				.put("exception.type", "java.lang.IllegalStateException")
				.put("exception.message", "payment declined for bob@example.org")
				.put("exception.stacktrace",
						"java.lang.IllegalStateException: payment declined for bob@example.org\n"
								+ "\tat com.example.orders.PaymentService.charge(PaymentService.java:42)\n"
								+ "\tat com.example.orders.OrderController.place(OrderController.java:31)\n")
				.build())));

	/**
	 * For scale: what the OTLP exporter does with the same span anyway, serialising it to
	 * protobuf (without the network).
	 */
	@Benchmark
	public int otlpSerialisationOfTypicalSpan() throws IOException {
		this.buffer.reset();
		TraceRequestMarshaler.create(List.of(this.typical)).writeBinaryTo(this.buffer);
		return this.buffer.size();
	}

	@Benchmark
	public SpanData typicalSpan() {
		return this.defaults.redact(this.typical);
	}

	@Benchmark
	public SpanData spanWithNearMisses() {
		return this.defaults.redact(this.nearMisses);
	}

	@Benchmark
	public SpanData spanWithPii() {
		return this.defaults.redact(this.withPii);
	}

	@Benchmark
	public SpanData typicalSpanWithUserPattern() {
		return this.withUserPattern.redact(this.typical);
	}

	private static SpanRedactor redactor(Map<String, String> properties) {
		RedactionProperties redaction = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("tracing.redaction", RedactionProperties.class);
		return SpanRedactor.of(PiiMasker.of(redaction), redaction);
	}

	/** The attributes the engine puts on a server span, plus a captured header. */
	private static Attributes typicalAttributes(String query) {
		return Attributes.builder()
			.put("http.request.method", "GET")
			.put("url.scheme", "http")
			.put("url.path", "/api/orders/12345")
			.put("url.query", query)
			.put("http.route", "/api/orders/{id}")
			.put("http.response.status_code", 200L)
			.put("server.address", "orders.internal")
			.put("server.port", 8080L)
			.put("client.address", "10.0.0.12")
			.put("network.protocol.version", "1.1")
			.put("user_agent.original",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
							+ "Chrome/120.0.0.0 Safari/537.36")
			.put(AttributeKey.stringArrayKey("http.request.header.x-request-id"),
					List.of("0b6c9f0e-8a51-4d4e-9f1a-3c2d7e5b1a90"))
			.build();
	}

	private static SpanData span(String name, Attributes attributes, List<EventData> events) {
		return TestSpanData.builder()
			.setSpanContext(CONTEXT)
			.setName(name)
			.setKind(SpanKind.SERVER)
			.setStartEpochNanos(1_000)
			.setEndEpochNanos(2_000)
			.setHasEnded(true)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.setStatus(events.isEmpty() ? StatusData.unset() : StatusData.error())
			.build();
	}

}
