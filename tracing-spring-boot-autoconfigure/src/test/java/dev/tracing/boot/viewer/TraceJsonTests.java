package dev.tracing.boot.viewer;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServiceAttributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The viewer API's JSON, character for character. */
class TraceJsonTests {

	/** 2026-12-04T21:56:31.062356789Z: a start that a double in milliseconds writes as 1.79E12. */
	private static final long START = 1_796_421_391_062_356_789L;

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void traceListWritesTheStartAsWholeEpochMillisAndDurationsAsPlainDecimals() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(server(), sql()));
		String json = TraceJson.traces(store.find(TraceQuery.all(10)), store.statistics());
		long bytes = store.statistics().estimatedBytes();
		assertThat(json).isEqualTo("{\"traces\":[{\"traceId\":\"" + TRACE_ID + "\",\"rootName\":\"GET /orders\","
				+ "\"rootKind\":\"SERVER\",\"request\":true,\"route\":\"/orders\",\"method\":\"GET\",\"statusCode\":200,\"error\":true,"
				+ "\"start\":1796421391062,\"durationMs\":12.5,\"spanCount\":2,\"droppedSpans\":0,\"service\":\"shop\",\"services\":[\"shop\"]}],"
				+ "\"store\":{\"traces\":1,\"spans\":2,\"estimatedBytes\":" + bytes + ",\"evictedTraces\":0,"
				+ "\"droppedSpans\":0,\"maxTraces\":10,\"maxSpans\":100,\"maxSpansPerTrace\":100,\"maxBytes\":1000000}}");
	}

	@Test
	void traceWritesOffsetsAndDurationsToTheNanosecondWithoutExponents() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(server(), sql()));
		String json = TraceJson.trace(store.get(TRACE_ID).orElseThrow());
		assertThat(json).startsWith("{\"traceId\":\"" + TRACE_ID + "\",")
			.contains(",\"start\":1796421391062,\"durationMs\":12.5,")
			.contains("\"resource\":{\"service.name\":\"shop\"},\"resources\":[{\"service.name\":\"shop\"}],")
			.contains("\"scope\":\"\",\"scopeVersion\":null,\"service\":\"shop\",\"resource\":0,")
			.contains("{\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":null,\"name\":\"GET /orders\","
					+ "\"kind\":\"SERVER\",\"startMs\":0,\"durationMs\":12.5,\"status\":\"UNSET\",")
			.contains("{\"spanId\":\"00f067aa0ba902b8\",\"parentSpanId\":\"00f067aa0ba902b7\",\"name\":\"SELECT\","
					+ "\"kind\":\"CLIENT\",\"startMs\":0.000211,\"durationMs\":0.0001,\"status\":\"ERROR\","
					+ "\"statusDescription\":\"timeout\",")
			.contains("\"events\":[{\"name\":\"retry\",\"timeMs\":0.00025,\"attributes\":{\"attempt\":2}}]")
			.doesNotContainPattern("[0-9][eE][-+]?[0-9]");
	}

	@Test
	void millisAreExactDecimalsOfTheNanoseconds() {
		assertThat(millis(0)).isEqualTo("0");
		assertThat(millis(1)).isEqualTo("0.000001");
		assertThat(millis(100)).isEqualTo("0.0001");
		assertThat(millis(27_916_439)).isEqualTo("27.916439");
		assertThat(millis(10_000_000)).isEqualTo("10");
		assertThat(millis(86_400_000_000_000L)).isEqualTo("86400000");
		assertThat(millis(-1_500_000)).isEqualTo("-1.5");
		assertThat(millis(-500)).isEqualTo("-0.0005");
	}

	private static String millis(long nanos) {
		return new JsonWriter().beginArray().millis(nanos).endArray().toString().replaceAll("[\\[\\]]", "");
	}

	private static SpanData server() {
		return span("00f067aa0ba902b7", null, "GET /orders", SpanKind.SERVER, START, START + 12_500_000,
				Attributes.of(HttpAttributes.HTTP_REQUEST_METHOD, "GET", HttpAttributes.HTTP_ROUTE, "/orders",
						HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L),
				StatusData.unset(), List.of());
	}

	private static SpanData sql() {
		return span("00f067aa0ba902b8", "00f067aa0ba902b7", "SELECT", SpanKind.CLIENT, START + 211, START + 311,
				Attributes.empty(), StatusData.create(io.opentelemetry.api.trace.StatusCode.ERROR, "timeout"),
				List.of(EventData.create(START + 250, "retry", Attributes.of(AttributeKey.longKey("attempt"), 2L))));
	}

	private static SpanData span(String spanId, String parentId, String name, SpanKind kind, long start, long end,
			Attributes attributes, StatusData status, List<EventData> events) {
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(TRACE_ID, spanId, TraceFlags.getSampled(), TraceState.getDefault()))
			.setParentSpanContext((parentId != null)
					? SpanContext.create(TRACE_ID, parentId, TraceFlags.getSampled(), TraceState.getDefault())
					: SpanContext.getInvalid())
			.setName(name)
			.setKind(kind)
			.setStartEpochNanos(start)
			.setEndEpochNanos(end)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.setStatus(status)
			.setEvents(events)
			.setTotalRecordedEvents(events.size())
			.setHasEnded(true)
			.setResource(Resource.create(Attributes.of(ServiceAttributes.SERVICE_NAME, "shop")))
			.build();
	}

}
