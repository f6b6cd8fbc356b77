package dev.tracing.boot.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.tracing.boot.viewer.ProtobufReader.MalformedProtobufException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfoBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;

/**
 * Decodes an OTLP {@code ExportTraceServiceRequest} in its protobuf encoding (the body of a
 * {@code POST /v1/traces} in {@code http/protobuf}) into spans, with their resources and
 * instrumentation scopes. Written against the field numbers of
 * {@code opentelemetry/proto/trace/v1/trace.proto}, {@code common/v1/common.proto} and
 * {@code resource/v1/resource.proto} (OTLP 1.x, stable): the viewer reads the trace subset
 * without putting protobuf-java on the application's classpath. Unknown fields are skipped,
 * as protobuf readers do, so a newer exporter's additions do no harm.
 */
final class OtlpTraceDecoder {

	/** How deeply attribute values (arrays and maps) may nest. */
	static final int MAX_VALUE_DEPTH = 32;

	private OtlpTraceDecoder() {
	}

	/**
	 * The spans in the request.
	 * @throws MalformedProtobufException if the bytes are not such a request
	 */
	static List<SpanData> decode(byte[] request) {
		return decode(request, UnaryOperator.identity());
	}

	/**
	 * The spans in the request, with each resource as {@code resources} makes it (once per
	 * resource in the request, shared by its spans).
	 * @throws MalformedProtobufException if the bytes are not such a request
	 */
	static List<SpanData> decode(byte[] request, UnaryOperator<Resource> resources) {
		List<SpanData> spans = new ArrayList<>();
		ProtobufReader reader = new ProtobufReader(request);
		while (reader.hasField()) {
			if (reader.field() == 1) {
				resourceSpans(reader.message(), resources, spans);
			}
			else {
				reader.skip();
			}
		}
		return spans;
	}

	private static void resourceSpans(ProtobufReader reader, UnaryOperator<Resource> resources,
			List<SpanData> spans) {
		Resource resource = Resource.empty();
		List<ProtobufReader> scopeSpans = new ArrayList<>();
		String schemaUrl = null;
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> resource = resource(reader.message());
				case 2 -> scopeSpans.add(reader.message());
				case 3 -> schemaUrl = emptyToNull(reader.string());
				default -> reader.skip();
			}
		}
		if (schemaUrl != null) {
			resource = Resource.create(resource.getAttributes(), schemaUrl);
		}
		resource = resources.apply(resource);
		// The resource may follow the spans on the wire: read the spans once it is known.
		for (ProtobufReader scope : scopeSpans) {
			scopeSpans(scope, resource, spans);
		}
	}

	private static Resource resource(ProtobufReader reader) {
		AttributesBuilder attributes = Attributes.builder();
		while (reader.hasField()) {
			if (reader.field() == 1) {
				keyValue(reader.message(), attributes);
			}
			else {
				reader.skip();
			}
		}
		// Resource.create refuses keys that are not printable ASCII of at most 255 characters,
		// which OTLP (and so another language's SDK) allows: those are left out.
		return Resource.create(attributes.removeIf((key) -> !isResourceKey(key.getKey())).build());
	}

	private static boolean isResourceKey(String key) {
		if (key.isEmpty() || key.length() > 255) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char character = key.charAt(i);
			if (character < ' ' || character > '~') {
				return false;
			}
		}
		return true;
	}

	private static void scopeSpans(ProtobufReader reader, Resource resource, List<SpanData> spans) {
		InstrumentationScopeInfo scope = InstrumentationScopeInfo.empty();
		List<ProtobufReader> encodedSpans = new ArrayList<>();
		String schemaUrl = null;
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> scope = scope(reader.message());
				case 2 -> encodedSpans.add(reader.message());
				case 3 -> schemaUrl = emptyToNull(reader.string());
				default -> reader.skip();
			}
		}
		if (schemaUrl != null && scope.getSchemaUrl() == null) {
			scope = InstrumentationScopeInfo.builder(scope.getName())
				.setVersion(scope.getVersion())
				.setSchemaUrl(schemaUrl)
				.setAttributes(scope.getAttributes())
				.build();
		}
		for (ProtobufReader span : encodedSpans) {
			spans.add(span(span, scope, resource));
		}
	}

	private static InstrumentationScopeInfo scope(ProtobufReader reader) {
		String name = "";
		String version = null;
		AttributesBuilder attributes = Attributes.builder();
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> name = reader.string();
				case 2 -> version = emptyToNull(reader.string());
				case 3 -> keyValue(reader.message(), attributes);
				default -> reader.skip();
			}
		}
		InstrumentationScopeInfoBuilder scope = InstrumentationScopeInfo.builder(name).setAttributes(attributes.build());
		if (version != null) {
			scope.setVersion(version);
		}
		return scope.build();
	}

	private static SpanData span(ProtobufReader reader, InstrumentationScopeInfo scope, Resource resource) {
		String traceId = null;
		String spanId = null;
		String parentSpanId = "";
		String name = "";
		SpanKind kind = SpanKind.INTERNAL;
		long start = 0;
		long end = 0;
		AttributesBuilder attributes = Attributes.builder();
		int attributeCount = 0;
		int droppedAttributes = 0;
		List<EventData> events = new ArrayList<>();
		int droppedEvents = 0;
		List<LinkData> links = new ArrayList<>();
		int droppedLinks = 0;
		StatusData status = StatusData.unset();
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> traceId = reader.hex();
				case 2 -> spanId = reader.hex();
				case 4 -> parentSpanId = reader.hex();
				case 5 -> name = reader.string();
				case 6 -> kind = kind(reader.varint());
				case 7 -> start = reader.fixed64();
				case 8 -> end = reader.fixed64();
				case 9 -> attributeCount += keyValue(reader.message(), attributes) ? 1 : 0;
				case 10 -> droppedAttributes = count(reader.varint());
				case 11 -> events.add(event(reader.message()));
				case 12 -> droppedEvents = count(reader.varint());
				case 13 -> links.add(link(reader.message()));
				case 14 -> droppedLinks = count(reader.varint());
				case 15 -> status = status(reader.message());
				default -> reader.skip();
			}
		}
		if (traceId == null || !TraceId.isValid(traceId)) {
			throw new MalformedProtobufException("span '" + name + "' has no valid trace id (16 bytes, not all zero)");
		}
		if (spanId == null || !SpanId.isValid(spanId)) {
			throw new MalformedProtobufException("span '" + name + "' has no valid span id (8 bytes, not all zero)");
		}
		SpanContext parent = SpanContext.getInvalid();
		if (!parentSpanId.isEmpty()) {
			if (!SpanId.isValid(parentSpanId)) {
				throw new MalformedProtobufException("span '" + name + "' has an invalid parent span id");
			}
			parent = SpanContext.createFromRemoteParent(traceId, parentSpanId, TraceFlags.getSampled(),
					TraceState.getDefault());
		}
		return new ReceivedSpanData(
				SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()), parent, name,
				kind, start, end, attributes.build(), attributeCount + droppedAttributes, events,
				events.size() + droppedEvents, links, links.size() + droppedLinks, status, scope, resource);
	}

	private static EventData event(ProtobufReader reader) {
		long time = 0;
		String name = "";
		AttributesBuilder attributes = Attributes.builder();
		int count = 0;
		int dropped = 0;
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> time = reader.fixed64();
				case 2 -> name = reader.string();
				case 3 -> count += keyValue(reader.message(), attributes) ? 1 : 0;
				case 4 -> dropped = count(reader.varint());
				default -> reader.skip();
			}
		}
		return EventData.create(time, name, attributes.build(), count + dropped);
	}

	private static LinkData link(ProtobufReader reader) {
		String traceId = null;
		String spanId = null;
		AttributesBuilder attributes = Attributes.builder();
		int count = 0;
		int dropped = 0;
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> traceId = reader.hex();
				case 2 -> spanId = reader.hex();
				case 4 -> count += keyValue(reader.message(), attributes) ? 1 : 0;
				case 5 -> dropped = count(reader.varint());
				default -> reader.skip();
			}
		}
		if (traceId == null || !TraceId.isValid(traceId) || spanId == null || !SpanId.isValid(spanId)) {
			throw new MalformedProtobufException("a link has no valid trace and span id");
		}
		return LinkData.create(SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(),
				TraceState.getDefault()), attributes.build(), count + dropped);
	}

	private static StatusData status(ProtobufReader reader) {
		String message = "";
		StatusCode code = StatusCode.UNSET;
		while (reader.hasField()) {
			switch (reader.field()) {
				case 2 -> message = reader.string();
				case 3 -> {
					long value = reader.varint();
					code = (value == 1) ? StatusCode.OK : (value == 2) ? StatusCode.ERROR : StatusCode.UNSET;
				}
				default -> reader.skip();
			}
		}
		return StatusData.create(code, message);
	}

	private static SpanKind kind(long value) {
		return switch ((int) value) {
			case 2 -> SpanKind.SERVER;
			case 3 -> SpanKind.CLIENT;
			case 4 -> SpanKind.PRODUCER;
			case 5 -> SpanKind.CONSUMER;
			default -> SpanKind.INTERNAL;
		};
	}

	/**
	 * A {@code KeyValue} message, added to the attributes in the type its value has. Returns
	 * whether it was added: attributes ignore an empty key, which then counts as dropped.
	 */
	private static boolean keyValue(ProtobufReader reader, AttributesBuilder attributes) {
		String key = "";
		Value<?> value = Value.empty();
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> key = reader.string();
				case 2 -> value = anyValue(reader.message(), 1);
				default -> reader.skip();
			}
		}
		if (key.isEmpty()) {
			return false;
		}
		put(attributes, key, value);
		return true;
	}

	@SuppressWarnings("unchecked")
	private static void put(AttributesBuilder attributes, String key, Value<?> value) {
		switch (value.getType()) {
			case STRING -> attributes.put(AttributeKey.stringKey(key), (String) value.getValue());
			case BOOLEAN -> attributes.put(AttributeKey.booleanKey(key), (Boolean) value.getValue());
			case LONG -> attributes.put(AttributeKey.longKey(key), (Long) value.getValue());
			case DOUBLE -> attributes.put(AttributeKey.doubleKey(key), (Double) value.getValue());
			case ARRAY -> putArray(attributes, key, (List<Value<?>>) value.getValue(), value);
			default -> attributes.put(AttributeKey.valueKey(key), value);
		}
	}

	/** An array of one primitive type as the typed array attribute the SDK made it from. */
	@SuppressWarnings("unchecked")
	private static void putArray(AttributesBuilder attributes, String key, List<Value<?>> items, Value<?> value) {
		ValueType type = items.isEmpty() ? ValueType.STRING : items.get(0).getType();
		for (Value<?> item : items) {
			if (item.getType() != type) {
				attributes.put(AttributeKey.valueKey(key), value);
				return;
			}
		}
		switch (type) {
			case STRING -> attributes.put(AttributeKey.stringArrayKey(key), values(items, String.class));
			case BOOLEAN -> attributes.put(AttributeKey.booleanArrayKey(key), values(items, Boolean.class));
			case LONG -> attributes.put(AttributeKey.longArrayKey(key), values(items, Long.class));
			case DOUBLE -> attributes.put(AttributeKey.doubleArrayKey(key), values(items, Double.class));
			default -> attributes.put(AttributeKey.valueKey(key), value);
		}
	}

	private static <T> List<T> values(List<Value<?>> items, Class<T> type) {
		List<T> values = new ArrayList<>(items.size());
		for (Value<?> item : items) {
			values.add(type.cast(item.getValue()));
		}
		return values;
	}

	/** An {@code AnyValue} message; an unset one is the empty value. */
	private static Value<?> anyValue(ProtobufReader reader, int depth) {
		if (depth > MAX_VALUE_DEPTH) {
			throw new MalformedProtobufException("attribute values nest deeper than " + MAX_VALUE_DEPTH + " levels");
		}
		Value<?> value = Value.empty();
		while (reader.hasField()) {
			switch (reader.field()) {
				case 1 -> value = Value.of(reader.string());
				case 2 -> value = Value.of(reader.varint() != 0);
				case 3 -> value = Value.of(reader.varint());
				case 4 -> value = Value.of(reader.doubleValue());
				case 5 -> value = arrayValue(reader.message(), depth);
				case 6 -> value = keyValueList(reader.message(), depth);
				case 7 -> value = Value.of(reader.bytes());
				default -> reader.skip();
			}
		}
		return value;
	}

	private static Value<?> arrayValue(ProtobufReader reader, int depth) {
		List<Value<?>> values = new ArrayList<>();
		while (reader.hasField()) {
			if (reader.field() == 1) {
				values.add(anyValue(reader.message(), depth + 1));
			}
			else {
				reader.skip();
			}
		}
		return Value.of(values);
	}

	private static Value<?> keyValueList(ProtobufReader reader, int depth) {
		List<KeyValue> entries = new ArrayList<>();
		while (reader.hasField()) {
			if (reader.field() == 1) {
				ProtobufReader entry = reader.message();
				String key = "";
				Value<?> value = Value.empty();
				while (entry.hasField()) {
					switch (entry.field()) {
						case 1 -> key = entry.string();
						case 2 -> value = anyValue(entry.message(), depth + 1);
						default -> entry.skip();
					}
				}
				entries.add(KeyValue.of(key, value));
			}
			else {
				reader.skip();
			}
		}
		return Value.of(entries.toArray(KeyValue[]::new));
	}

	private static int count(long value) {
		return (int) Math.min(Math.max(value, 0), Integer.MAX_VALUE);
	}

	private static String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
