package dev.tracing.boot.viewer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.viewer.ProtobufReader.MalformedProtobufException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The viewer's hand-written OTLP decoder against the bytes that the real SDK exporter
 * ({@link OtlpHttpSpanExporter}) sends over HTTP: every span it decodes equals, field by field,
 * the span the SDK handed to the exporter, and agrees with {@code opentelemetry-proto}'s own
 * decoding of the same bytes. Broken input gives a {@link MalformedProtobufException}, never
 * another exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtlpTraceDecoderTests {

	private static final Resource RESOURCE = Resource.create(Attributes.builder()
		.put("service.name", "order-worker")
		.put("service.instance.id", "c0ffee")
		.put("process.pid", 4242L)
		.put("host.arch", "amd64")
		.put(AttributeKey.stringArrayKey("process.command_args"), List.of("java", "-jar", "worker.jar"))
		.build(), "https://opentelemetry.io/schemas/1.37.0");

	private OtlpReceiver receiver;

	private final InMemorySpanExporter original = InMemorySpanExporter.create();

	private List<byte[]> payloads;

	private List<SpanData> made;

	@BeforeAll
	void exportSpansOfEveryShapeThroughTheRealExporter() {
		this.receiver = OtlpReceiver.start();
		SpanExporter otlp = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.httpEndpoint() + "/v1/traces")
			.build();
		SdkTracerProvider provider = SdkTracerProvider.builder()
			.setResource(RESOURCE)
			.setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(24).setMaxNumberOfEvents(3).build())
			.addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite(this.original, otlp)))
			.build();
		Tracer tracer = provider.tracerBuilder("dev.tracing.worker")
			.setInstrumentationVersion("1.2.3")
			.setSchemaUrl("https://opentelemetry.io/schemas/1.30.0")
			.build();
		Tracer unversioned = provider.get("bare-scope");

		Span consumer = tracer.spanBuilder("process orders.process").setSpanKind(SpanKind.CONSUMER).startSpan();
		try (Scope scope = consumer.makeCurrent()) {
			Span client = tracer.spanBuilder("SELECT orders")
				.setSpanKind(SpanKind.CLIENT)
				.setAttribute("db.system.name", "postgresql")
				.setAttribute("db.query.text", "SELECT * FROM orders WHERE id = ? -- caf\u00e9 \u2603 \ud83d\ude00")
				.setAttribute("db.response.returned_rows", 1L)
				.setAttribute("tracing.db.slow", false)
				.setAttribute("tracing.db.duration_ratio", 0.25)
				.setAttribute("negative", -17L)
				.setAttribute("nan", Double.NaN)
				.setAttribute("empty", "")
				.setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "", "c"))
				.setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
				.setAttribute(AttributeKey.longArrayKey("sizes"), List.of(1L, Long.MAX_VALUE, Long.MIN_VALUE))
				.setAttribute(AttributeKey.doubleArrayKey("ratios"), List.of(0.5, -1e300))
				.setAttribute(AttributeKey.stringArrayKey("none"), List.of())
				.startSpan();
			client.setStatus(StatusCode.ERROR, "connection reset");
			client.recordException(new IllegalStateException("boom"));
			client.end();
			Span internal = tracer.spanBuilder("validate_high_value_order")
				.addLink(consumer.getSpanContext(), Attributes.of(AttributeKey.stringKey("link.reason"), "retry"))
				.addLink(client.getSpanContext())
				.startSpan();
			for (int i = 0; i < 30; i++) {
				internal.setAttribute("attribute." + i, i);
			}
			for (int i = 0; i < 5; i++) {
				internal.addEvent("step " + i, Attributes.of(AttributeKey.longKey("step"), (long) i));
			}
			internal.setStatus(StatusCode.OK);
			internal.end();
			unversioned.spanBuilder("structured").setAttribute(AttributeKey.valueKey("payload"),
					Value.of(KeyValue.of("id", Value.of(7L)), KeyValue.of("items", Value.of(Value.of("x"), Value.of(2.5))),
							KeyValue.of("raw", Value.of(new byte[] { 0, 1, (byte) 0xff }))))
				.setSpanKind(SpanKind.PRODUCER)
				.startSpan()
				.end();
		}
		finally {
			consumer.end();
		}
		tracer.spanBuilder("GET /payment-gateway/charges").setSpanKind(SpanKind.SERVER).setNoParent().startSpan().end();
		provider.forceFlush().join(10, TimeUnit.SECONDS);
		this.receiver.awaitSpans((span) -> true, 5);
		// Shutting down clears the in-memory exporter: keep what it got.
		this.made = List.copyOf(this.original.getFinishedSpanItems());
		provider.close();
		this.payloads = this.receiver.rawPayloads();
	}

	@AfterAll
	void stop() {
		this.receiver.close();
	}

	@Test
	void decodesEverySpanTheSdkExportedExactlyAsTheSdkMadeIt() {
		List<SpanData> made = this.made;
		assertThat(made).hasSize(5);
		Map<String, SpanData> decoded = decodeAll();
		assertThat(decoded.keySet()).containsExactlyInAnyOrderElementsOf(made.stream().map(SpanData::getSpanId).toList());
		for (SpanData expected : made) {
			SpanData actual = decoded.get(expected.getSpanId());
			assertThat(actual.getTraceId()).isEqualTo(expected.getTraceId());
			assertThat(actual.getSpanId()).isEqualTo(expected.getSpanId());
			assertThat(actual.getParentSpanContext().isValid()).isEqualTo(expected.getParentSpanContext().isValid());
			if (expected.getParentSpanContext().isValid()) {
				assertThat(actual.getParentSpanId()).isEqualTo(expected.getParentSpanId());
			}
			assertThat(actual.getName()).isEqualTo(expected.getName());
			assertThat(actual.getKind()).isEqualTo(expected.getKind());
			assertThat(actual.getStartEpochNanos()).isEqualTo(expected.getStartEpochNanos());
			assertThat(actual.getEndEpochNanos()).isEqualTo(expected.getEndEpochNanos());
			assertThat(actual.getAttributes().asMap()).as(expected.getName()).isEqualTo(expected.getAttributes().asMap());
			assertThat(actual.getTotalAttributeCount()).isEqualTo(expected.getTotalAttributeCount());
			assertThat(actual.getStatus()).isEqualTo(expected.getStatus());
			assertThat(events(actual)).isEqualTo(events(expected));
			assertThat(actual.getTotalRecordedEvents()).isEqualTo(expected.getTotalRecordedEvents());
			assertThat(links(actual)).isEqualTo(links(expected));
			assertThat(actual.getTotalRecordedLinks()).isEqualTo(expected.getTotalRecordedLinks());
			InstrumentationScopeInfo scope = actual.getInstrumentationScopeInfo();
			assertThat(scope.getName()).isEqualTo(expected.getInstrumentationScopeInfo().getName());
			assertThat(scope.getVersion()).isEqualTo(expected.getInstrumentationScopeInfo().getVersion());
			assertThat(scope.getSchemaUrl()).isEqualTo(expected.getInstrumentationScopeInfo().getSchemaUrl());
			assertThat(scope.getAttributes().asMap())
				.isEqualTo(expected.getInstrumentationScopeInfo().getAttributes().asMap());
			assertThat(actual.getResource().getAttributes().asMap())
				.isEqualTo(expected.getResource().getAttributes().asMap());
			assertThat(actual.getResource().getSchemaUrl()).isEqualTo(expected.getResource().getSchemaUrl());
		}
		SpanData internal = decoded.values().stream()
			.filter((span) -> span.getName().equals("validate_high_value_order"))
			.findFirst()
			.orElseThrow();
		// The limits were hit: what the SDK dropped is counted, not lost silently.
		assertThat(internal.getAttributes().size()).isEqualTo(24);
		assertThat(internal.getTotalAttributeCount()).isEqualTo(30);
		assertThat(internal.getEvents()).hasSize(3);
		assertThat(internal.getTotalRecordedEvents()).isEqualTo(5);
		assertThat(decoded.values()).extracting(SpanData::getKind)
			.containsOnly(SpanKind.CONSUMER, SpanKind.CLIENT, SpanKind.INTERNAL, SpanKind.PRODUCER, SpanKind.SERVER);
	}

	@Test
	void agreesWithTheOfficialProtobufClasses() throws Exception {
		int spans = 0;
		for (byte[] payload : this.payloads) {
			ExportTraceServiceRequest official = ExportTraceServiceRequest.parseFrom(payload);
			List<SpanData> ours = OtlpTraceDecoder.decode(payload);
			List<String> officialNames = new ArrayList<>();
			official.getResourceSpansList()
				.forEach((resource) -> resource.getScopeSpansList()
					.forEach((scope) -> scope.getSpansList().forEach((span) -> officialNames.add(span.getName()))));
			assertThat(ours).extracting(SpanData::getName).containsExactlyElementsOf(officialNames);
			spans += ours.size();
		}
		assertThat(spans).isEqualTo(5);
	}

	@Test
	void givesEachResourceToTheGivenFunctionOncePerResourceSpans() {
		List<Resource> given = new ArrayList<>();
		List<SpanData> spans = OtlpTraceDecoder.decode(this.payloads.get(0), (resource) -> {
			given.add(resource);
			return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "masked"));
		});
		assertThat(given).singleElement().isEqualTo(RESOURCE);
		assertThat(spans).allSatisfy((span) -> assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name")))
			.isEqualTo("masked"));
	}

	@Test
	void brokenBytesGiveAMalformedProtobufExceptionAndNothingElse() {
		Random random = new Random(13);
		int malformed = 0;
		for (byte[] payload : this.payloads) {
			for (int cut = 0; cut < payload.length; cut += Math.max(1, payload.length / 97)) {
				byte[] truncated = java.util.Arrays.copyOf(payload, cut);
				malformed += decodesOrIsMalformed(truncated) ? 0 : 1;
			}
			for (int round = 0; round < 300; round++) {
				byte[] mutated = payload.clone();
				for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
					mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
				}
				malformed += decodesOrIsMalformed(mutated) ? 0 : 1;
			}
		}
		assertThat(malformed).as("inputs refused as malformed").isPositive();
		assertThatExceptionOfType(MalformedProtobufException.class)
			.isThrownBy(() -> OtlpTraceDecoder.decode("not protobuf at all".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void refusesValuesNestedDeeperThanTheLimitWithoutOverflowingTheStack() {
		byte[] value = field(1, "leaf".getBytes(StandardCharsets.UTF_8));
		for (int depth = 0; depth < 3_000; depth++) {
			value = field(5, field(1, value));
		}
		byte[] request = request(span(field(9, concat(field(1, bytes("deep")), field(2, value)))));
		assertThatExceptionOfType(MalformedProtobufException.class).isThrownBy(() -> OtlpTraceDecoder.decode(request))
			.withMessageContaining("nest deeper than 32");
		byte[] shallow = field(1, "leaf".getBytes(StandardCharsets.UTF_8));
		for (int depth = 0; depth < 31; depth++) {
			shallow = field(5, field(1, shallow));
		}
		List<SpanData> spans = OtlpTraceDecoder
			.decode(request(span(field(9, concat(field(1, bytes("deep")), field(2, shallow))))));
		assertThat(spans).singleElement().satisfies((span) -> assertThat(span.getAttributes().size()).isOne());
	}

	@Test
	void refusesSpansWithoutValidIds() {
		byte[] noTraceId = request(concat(field(2, new byte[8]), field(5, bytes("x"))));
		assertThatExceptionOfType(MalformedProtobufException.class).isThrownBy(() -> OtlpTraceDecoder.decode(noTraceId))
			.withMessageContaining("trace id");
		byte[] shortSpanId = request(concat(field(1, ids(16)), field(2, ids(4))));
		assertThatExceptionOfType(MalformedProtobufException.class)
			.isThrownBy(() -> OtlpTraceDecoder.decode(shortSpanId))
			.withMessageContaining("span id");
		byte[] lengthBeyondTheEnd = { 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3 };
		assertThatExceptionOfType(MalformedProtobufException.class)
			.isThrownBy(() -> OtlpTraceDecoder.decode(lengthBeyondTheEnd))
			.withMessageContaining("bytes left");
	}

	@Test
	void skipsFieldsItDoesNotKnow() {
		byte[] unknown = concat(field(99, bytes("from a newer exporter")), new byte[] { (byte) 0xa8, 0x06, 0x01 });
		List<SpanData> spans = OtlpTraceDecoder.decode(concat(unknown, request(concat(span(unknown), unknown))));
		assertThat(spans).singleElement().satisfies((span) -> {
			assertThat(span.getName()).isEqualTo("crafted");
			assertThat(span.getInstrumentationScopeInfo()).isEqualTo(InstrumentationScopeInfo.empty());
		});
	}

	private static boolean decodesOrIsMalformed(byte[] bytes) {
		try {
			OtlpTraceDecoder.decode(bytes);
			return true;
		}
		catch (MalformedProtobufException ex) {
			return false;
		}
	}

	private Map<String, SpanData> decodeAll() {
		Map<String, SpanData> decoded = new HashMap<>();
		for (byte[] payload : this.payloads) {
			for (SpanData span : OtlpTraceDecoder.decode(payload)) {
				decoded.put(span.getSpanId(), span);
			}
		}
		return decoded;
	}

	private static List<List<Object>> events(SpanData span) {
		List<List<Object>> events = new ArrayList<>();
		for (EventData event : span.getEvents()) {
			events.add(List.of(event.getName(), event.getEpochNanos(), event.getAttributes().asMap(),
					event.getTotalAttributeCount()));
		}
		return events;
	}

	private static List<List<Object>> links(SpanData span) {
		List<List<Object>> links = new ArrayList<>();
		for (LinkData link : span.getLinks()) {
			links.add(List.of(link.getSpanContext().getTraceId(), link.getSpanContext().getSpanId(),
					link.getAttributes().asMap(), link.getTotalAttributeCount()));
		}
		return links;
	}

	/** A request with one resource, one scope and this span. */
	private static byte[] request(byte[] span) {
		return field(1, field(2, field(2, span)));
	}

	/** A span with valid ids, named "crafted", plus these fields. */
	private static byte[] span(byte[] fields) {
		return concat(field(1, ids(16)), field(2, ids(8)), field(5, bytes("crafted")), fields);
	}

	private static byte[] ids(int length) {
		byte[] id = new byte[length];
		id[length - 1] = 1;
		return id;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A length-delimited field. */
	private static byte[] field(int number, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
		varint(out, ((long) number << 3) | 2);
		varint(out, content.length);
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static void varint(ByteArrayOutputStream out, long value) {
		while ((value & ~0x7fL) != 0) {
			out.write((int) ((value & 0x7f) | 0x80));
			value >>>= 7;
		}
		out.write((int) value);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
