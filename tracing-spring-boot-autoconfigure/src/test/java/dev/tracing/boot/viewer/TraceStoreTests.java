package dev.tracing.boot.viewer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.HttpAttributes;
import org.junit.jupiter.api.Test;

import static dev.tracing.boot.viewer.TestSpans.span;
import static dev.tracing.boot.viewer.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TraceStoreTests {

	private static final Attributes SQL = Attributes.of(AttributeKey.stringKey("db.statement"), "SELECT * FROM orders");

	@Test
	void groupsSpansByTraceAndSummarisesItFromTheRoot() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(span(0, 1, 0, "SELECT shop", SpanKind.CLIENT, 5, 10, SQL),
				span(0, 2, 0, "OrderService.place", SpanKind.INTERNAL, 20, 30, Attributes.empty())));
		store.add(List.of(span(0, 0, null, "POST /orders", SpanKind.SERVER, 0, 60, server("POST", "/orders", 201))));

		List<TraceSummary> traces = store.find(TraceQuery.all(10));
		assertThat(traces).hasSize(1);
		TraceSummary trace = traces.get(0);
		assertThat(trace.traceId()).isEqualTo(traceId(0));
		assertThat(trace.rootName()).isEqualTo("POST /orders");
		assertThat(trace.rootKind()).isEqualTo(SpanKind.SERVER);
		assertThat(trace.route()).isEqualTo("/orders");
		assertThat(trace.method()).isEqualTo("POST");
		assertThat(trace.statusCode()).isEqualTo(201L);
		assertThat(trace.error()).isFalse();
		assertThat(trace.spanCount()).isEqualTo(3);
		assertThat(trace.durationNanos()).isEqualTo(Duration.ofMillis(60).toNanos());
		assertThat(trace.serviceName()).isEqualTo("shop");

		StoredTrace stored = store.get(traceId(0)).orElseThrow();
		assertThat(stored.spans()).extracting(StoredSpan::name)
			.containsExactly("SELECT shop", "OrderService.place", "POST /orders");
		assertThat(stored.spans().get(0).parentSpanId()).isEqualTo(TestSpans.spanId(0, 0));
		assertThat(stored.spans().get(2).parentSpanId()).isNull();
		assertThat(stored.spans().get(0).attribute(AttributeKey.stringKey("db.statement")))
			.isEqualTo("SELECT * FROM orders");
	}

	@Test
	void aSpanWhoseParentIsNotInViewStandsInForTheRootUntilTheRootArrives() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(span(0, 1, 0, "SELECT shop", SpanKind.CLIENT, 5, 10, SQL)));
		assertThat(store.find(TraceQuery.all(10))).singleElement()
			.satisfies((trace) -> assertThat(trace.rootName()).isEqualTo("SELECT shop"));
		store.add(List.of(span(0, 0, null, "GET /orders", SpanKind.SERVER, 0, 20, server("GET", "/orders", 200))));
		assertThat(store.find(TraceQuery.all(10))).singleElement()
			.satisfies((trace) -> assertThat(trace.rootName()).isEqualTo("GET /orders"));
	}

	@Test
	void anErrorInAnySpanMarksTheTrace() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		EventData exception = EventData.create(1_700_000_000_000_000_000L, "exception",
				Attributes.of(AttributeKey.stringKey("exception.type"), "java.sql.SQLException"));
		store.add(List.of(span(0, 0, null, "GET /orders", SpanKind.SERVER, 0, 20, server("GET", "/orders", 200)),
				span(0, 1, 0, "SELECT shop", SpanKind.CLIENT, 5, 10, SQL, StatusData.error(), List.of(exception))));
		TraceSummary trace = store.find(TraceQuery.all(10)).get(0);
		assertThat(trace.error()).isTrue();
		StoredSpan failed = store.get(traceId(0)).orElseThrow().spans().get(1);
		assertThat(failed.status()).isEqualTo(StatusCode.ERROR);
		assertThat(failed.events()).singleElement().satisfies((event) -> {
			assertThat(event.name()).isEqualTo("exception");
			assertThat(event.attributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo("java.sql.SQLException");
		});
	}

	@Test
	void evictsWholeOldestTracesBeyondMaxTraces() {
		TraceStore store = new TraceStore(new TraceStore.Limits(3, 100, 100, 1_000_000));
		for (int trace = 0; trace < 5; trace++) {
			store.add(trace(trace, 2));
		}
		assertThat(store.find(TraceQuery.all(10))).extracting(TraceSummary::traceId)
			.containsExactly(traceId(4), traceId(3), traceId(2));
		assertThat(store.get(traceId(0))).isEmpty();
		TraceStore.Statistics statistics = store.statistics();
		assertThat(statistics.traces()).isEqualTo(3);
		assertThat(statistics.spans()).isEqualTo(6);
		assertThat(statistics.evictedTraces()).isEqualTo(2);
	}

	@Test
	void evictsWholeOldestTracesToStayWithinMaxSpans() {
		TraceStore store = new TraceStore(new TraceStore.Limits(100, 10, 10, 1_000_000));
		for (int trace = 0; trace < 3; trace++) {
			store.add(trace(trace, 4));
		}
		assertThat(store.statistics().spans()).isEqualTo(8);
		assertThat(store.find(TraceQuery.all(10))).extracting(TraceSummary::spanCount).containsExactly(4, 4);
		assertThat(store.get(traceId(0))).isEmpty();
	}

	@Test
	void evictsWholeOldestTracesToStayWithinMaxBytes() {
		TraceStore measure = new TraceStore(new TraceStore.Limits(100, 1000, 1000, 100_000_000));
		measure.add(trace(0, 4));
		long oneTrace = measure.statistics().estimatedBytes();
		assertThat(oneTrace).isGreaterThan(4 * 160);

		TraceStore store = new TraceStore(new TraceStore.Limits(100, 1000, 1000, oneTrace * 5 / 2));
		for (int trace = 0; trace < 6; trace++) {
			store.add(trace(trace, 4));
		}
		assertThat(store.statistics().traces()).isEqualTo(2);
		assertThat(store.statistics().estimatedBytes()).isLessThanOrEqualTo(oneTrace * 5 / 2);
		assertThat(store.find(TraceQuery.all(10))).extracting(TraceSummary::spanCount).containsOnly(4);
	}

	@Test
	void keepsAtMostMaxSpansPerTraceAndCountsTheRest() {
		TraceStore store = new TraceStore(new TraceStore.Limits(100, 100, 3, 1_000_000));
		store.add(trace(0, 5));
		TraceSummary trace = store.find(TraceQuery.all(10)).get(0);
		assertThat(trace.spanCount()).isEqualTo(3);
		assertThat(trace.droppedSpans()).isEqualTo(2);
		assertThat(store.statistics().droppedSpans()).isEqualTo(2);
	}

	@Test
	void findsNewestFirstAndFilters() {
		TraceStore store = new TraceStore(new TraceStore.Limits(100, 1000, 100, 10_000_000));
		store.add(List.of(span(0, 0, null, "GET /orders/{id}", SpanKind.SERVER, 0, 15, server("GET", "/orders/{id}", 200))));
		store.add(List.of(span(1, 0, null, "POST /orders", SpanKind.SERVER, 100, 900, server("POST", "/orders", 503),
				StatusData.error(), List.of())));
		store.add(List.of(span(2, 0, null, "GET /users/{id}", SpanKind.SERVER, 200, 40, server("GET", "/users/{id}", 404))));
		store.add(List.of(span(3, 0, null, "nightly-report", SpanKind.INTERNAL, 300, 5000, Attributes.empty())));

		assertThat(ids(store, TraceQuery.all(10))).containsExactly(traceId(3), traceId(2), traceId(1), traceId(0));
		assertThat(ids(store, TraceQuery.all(2))).containsExactly(traceId(3), traceId(2));
		assertThat(ids(store, new TraceQuery("ORDERS", null, null, 10))).containsExactly(traceId(1), traceId(0));
		assertThat(ids(store, new TraceQuery("report", null, null, 10))).containsExactly(traceId(3));
		assertThat(ids(store, new TraceQuery(null, "error", null, 10))).containsExactly(traceId(1));
		assertThat(ids(store, new TraceQuery(null, "ok", null, 10))).containsExactly(traceId(3), traceId(2), traceId(0));
		assertThat(ids(store, new TraceQuery(null, "5xx", null, 10))).containsExactly(traceId(1));
		assertThat(ids(store, new TraceQuery(null, "4XX", null, 10))).containsExactly(traceId(2));
		assertThat(ids(store, new TraceQuery(null, "200", null, 10))).containsExactly(traceId(0));
		assertThat(ids(store, new TraceQuery(null, null, Duration.ofMillis(40), 10))).containsExactly(traceId(3), traceId(2),
				traceId(1));
		assertThat(ids(store, new TraceQuery("orders", "2xx", Duration.ofMillis(10), 10))).containsExactly(traceId(0));
	}

	@Test
	void rejectsQueriesThatCannotMatch() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceQuery(null, "teapot", null, 10))
			.withMessageContaining("status must be");
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceQuery(null, null, Duration.ofMillis(-1), 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceQuery(null, null, null, 0));
	}

	@Test
	void traceJsonEscapesWhatSpansCarry() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(span(0, 0, null, "GET /<script>alert(1)</script>", SpanKind.SERVER, 0, 10,
				Attributes.builder()
					.put("note", "say \"hi\"\n\u0001")
					.put("retries", 3L)
					.put("ratio", 0.5)
					.put("cached", true)
					.put(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
					.build())));
		String json = TraceJson.trace(store.get(traceId(0)).orElseThrow());
		assertThat(json).doesNotContain("<script>").contains("\\u003cscript\\u003e");
		Map<String, Object> trace = ViewerClient.parse(json);
		Map<String, Object> span = TraceViewerEndToEndTests.spans(trace).get(0);
		assertThat(span.get("name")).isEqualTo("GET /<script>alert(1)</script>");
		assertThat(span.get("attributes")).isEqualTo(
				Map.of("note", "say \"hi\"\n\u0001", "retries", 3, "ratio", 0.5, "cached", true, "tags", List.of("a", "b")));
		assertThat(((Number) span.get("durationMs")).doubleValue()).isEqualTo(10.0);
		assertThat(trace.get("resource")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("service.name", "shop");
	}

	@Test
	void aFloodOfBackgroundWorkEvictsBackgroundWorkAndKeepsTheRequests() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 1000, 100, 10_000_000));
		for (int trace = 0; trace < 4; trace++) {
			store.add(trace(trace, 2));
		}
		for (int trace = 4; trace < 104; trace++) {
			store.add(background(trace, 2));
		}
		assertThat(ids(store, new TraceQuery(null, null, null, 10, "request", false))).containsExactly(traceId(3),
				traceId(2), traceId(1), traceId(0));
		assertThat(ids(store, new TraceQuery(null, null, null, 10, "background", false))).containsExactly(
				traceId(103), traceId(102), traceId(101), traceId(100), traceId(99), traceId(98));
		assertThat(store.statistics().evictedTraces()).isEqualTo(94);
	}

	@Test
	void aFloodOfRequestsEvictsRequestsAndKeepsTheBackgroundWork() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 1000, 100, 10_000_000));
		for (int trace = 0; trace < 3; trace++) {
			store.add(background(trace, 2));
		}
		for (int trace = 3; trace < 53; trace++) {
			store.add(trace(trace, 2));
		}
		assertThat(ids(store, new TraceQuery(null, null, null, 10, "background", false))).containsExactly(traceId(2),
				traceId(1), traceId(0));
		assertThat(ids(store, new TraceQuery(null, null, null, 10, "request", false))).hasSize(7)
			.first()
			.isEqualTo(traceId(52));
	}

	@Test
	void eachKindKeepsHalfTheStoreWhenBothFlood() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 1000, 100, 10_000_000));
		for (int trace = 0; trace < 200; trace += 2) {
			store.add(trace(trace, 2));
			store.add(background(trace + 1, 2));
		}
		assertThat(ids(store, TraceQuery.all(10))).containsExactly(traceId(199), traceId(198), traceId(197),
				traceId(196), traceId(195), traceId(194), traceId(193), traceId(192), traceId(191), traceId(190));
	}

	@Test
	void theKindThatHoldsMoreSpansIsEvictedWhenSpansAreOverTheLimit() {
		TraceStore store = new TraceStore(new TraceStore.Limits(100, 40, 40, 10_000_000));
		store.add(trace(0, 10));
		store.add(trace(1, 10));
		for (int trace = 2; trace < 30; trace++) {
			store.add(background(trace, 4));
		}
		assertThat(ids(store, new TraceQuery(null, null, null, 10, "request", false))).containsExactly(traceId(1),
				traceId(0));
		assertThat(store.statistics().spans()).isLessThanOrEqualTo(40);
	}

	@Test
	void requestTracesComeFirstBeforeTheLimitWhenAsked() {
		TraceStore store = new TraceStore(new TraceStore.Limits(100, 1000, 100, 10_000_000));
		store.add(trace(0, 1));
		store.add(trace(1, 1));
		for (int trace = 2; trace < 12; trace++) {
			store.add(background(trace, 1));
		}
		TraceQuery requestsFirst = new TraceQuery(null, null, null, 4, null, true);
		assertThat(ids(store, requestsFirst)).containsExactly(traceId(1), traceId(0), traceId(11), traceId(10));
		assertThat(store.find(requestsFirst)).extracting(TraceSummary::request).containsExactly(true, true, false, false);
		assertThat(ids(store, new TraceQuery(null, null, null, 2, null, true))).containsExactly(traceId(1), traceId(0));
		assertThat(ids(store, TraceQuery.all(2))).containsExactly(traceId(11), traceId(10));
	}

	@Test
	void aFragmentWhoseServerSpanHasNotArrivedCountsAsBackgroundUntilItDoes() {
		TraceStore store = new TraceStore(new TraceStore.Limits(10, 100, 100, 1_000_000));
		store.add(List.of(span(0, 1, 0, "SELECT shop", SpanKind.CLIENT, 5, 10, SQL)));
		assertThat(store.find(TraceQuery.all(10))).singleElement()
			.satisfies((trace) -> assertThat(trace.request()).isFalse());
		store.add(List.of(span(0, 0, null, "GET /orders", SpanKind.SERVER, 0, 20, server("GET", "/orders", 200))));
		assertThat(store.find(TraceQuery.all(10))).singleElement()
			.satisfies((trace) -> assertThat(trace.request()).isTrue());
	}

	@Test
	void rejectsAnUnknownKind() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TraceQuery(null, null, null, 10, "batch", false))
			.withMessageContaining("kind must be request or background");
	}

	private static List<String> ids(TraceStore store, TraceQuery query) {
		return store.find(query).stream().map(TraceSummary::traceId).toList();
	}

	private static Attributes server(String method, String route, long status) {
		return Attributes.of(HttpAttributes.HTTP_REQUEST_METHOD, method, HttpAttributes.HTTP_ROUTE, route,
				HttpAttributes.HTTP_RESPONSE_STATUS_CODE, status);
	}

	/** A trace of background work: an internal root span (a scheduled job) and its SQL. */
	static List<SpanData> background(int trace, int spans) {
		List<SpanData> result = new ArrayList<>();
		result.add(span(trace, 0, null, "OrderProcessor.process", SpanKind.INTERNAL, trace * 100L, 50,
				Attributes.empty()));
		for (int span = 1; span < spans; span++) {
			result.add(span(trace, span, 0, "SELECT shop", SpanKind.CLIENT, trace * 100L + span, 2, SQL));
		}
		return result;
	}

	static List<SpanData> trace(int trace, int spans) {
		List<SpanData> result = new ArrayList<>();
		result.add(span(trace, 0, null, "GET /orders/{id}", SpanKind.SERVER, trace * 100L, 50,
				server("GET", "/orders/{id}", 200)));
		for (int span = 1; span < spans; span++) {
			result.add(span(trace, span, 0, "SELECT shop", SpanKind.CLIENT, trace * 100L + span, 2, SQL));
		}
		return result;
	}

}
