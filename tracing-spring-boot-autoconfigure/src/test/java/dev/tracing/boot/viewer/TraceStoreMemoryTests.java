package dev.tracing.boot.viewer;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.tracing.boot.viewer.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The store stays within its limits under 100,000 spans, and the heap it really retains,
 * measured after full garbage collections, stays within its byte limit. Each scenario makes a
 * different limit the one that binds: the number of traces, the number of spans, the bytes.
 */
class TraceStoreMemoryTests {

	private static final int SPANS = 100_000;

	private static final long MB = 1024 * 1024;

	private static final AttributeKey<String> STATEMENT = AttributeKey.stringKey("db.statement");

	@BeforeAll
	static void explicitGcWorks() {
		assumeFalse(ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC"),
				"heap measurement needs System.gc()");
	}

	@Test
	void maxTracesBindsWithDefaultLimits() {
		Measurement measured = measure(new TraceStore.Limits(500, 20_000, 2_000, 16 * MB), 10, 200);
		assertThat(measured.statistics().traces()).isEqualTo(500);
		assertThat(measured.statistics().spans()).isEqualTo(5_000);
		assertWithinBytes(measured);
	}

	@Test
	void maxSpansBindsForLargeTraces() {
		Measurement measured = measure(new TraceStore.Limits(500, 20_000, 2_000, 64 * MB), 100, 200);
		assertThat(measured.statistics().spans()).isEqualTo(20_000);
		assertThat(measured.statistics().traces()).isEqualTo(200);
		assertWithinBytes(measured);
	}

	@Test
	void maxBytesBindsForLargeSpans() {
		Measurement measured = measure(new TraceStore.Limits(500, 20_000, 2_000, 16 * MB), 10, 4_000);
		assertThat(measured.statistics().estimatedBytes()).isLessThanOrEqualTo(16 * MB)
			.isGreaterThan(15 * MB);
		assertThat(measured.statistics().traces()).isLessThan(500);
		assertThat(measured.statistics().spans()).isLessThan(20_000);
		assertWithinBytes(measured);
		// Without the limit the store would have kept every one of these spans.
		assertThat(measured.offeredBytes()).isGreaterThan(20 * measured.retainedBytes());
	}

	private static void assertWithinBytes(Measurement measured) {
		TraceStore.Statistics statistics = measured.statistics();
		System.out.printf("TraceStoreMemoryTests: %,d spans offered (%,d MB estimated), kept %d traces / %,d spans, "
				+ "estimated %,d bytes, retained heap %,d bytes (limit %,d)%n", SPANS, measured.offeredBytes() / MB,
				statistics.traces(), statistics.spans(), statistics.estimatedBytes(), measured.retainedBytes(),
				statistics.limits().maxBytes());
		assertThat(statistics.traces()).isLessThanOrEqualTo(statistics.limits().maxTraces());
		assertThat(statistics.spans()).isLessThanOrEqualTo(statistics.limits().maxSpans());
		assertThat(statistics.estimatedBytes()).isLessThanOrEqualTo(statistics.limits().maxBytes());
		assertThat(measured.retainedBytes()).as("retained heap").isLessThanOrEqualTo(statistics.limits().maxBytes());
		// The estimate is a real measure, not a number that merely happens to stay small.
		assertThat(measured.retainedBytes()).as("retained heap against the estimate")
			.isGreaterThan(statistics.estimatedBytes() / 2)
			.isLessThanOrEqualTo(statistics.estimatedBytes() + MB);
	}

	private static Measurement measure(TraceStore.Limits limits, int spansPerTrace, int statementLength) {
		long before = usedHeapAfterGc();
		TraceStore store = new TraceStore(limits);
		long offered = 0;
		List<SpanData> batch = new ArrayList<>(512);
		for (int i = 0; i < SPANS; i++) {
			int trace = i / spansPerTrace;
			int span = i % spansPerTrace;
			batch.add(realisticSpan(trace, span, statementLength));
			if (batch.size() == 512 || i == SPANS - 1) {
				for (SpanData data : batch) {
					offered += StoredSpan.of(data).estimatedBytes();
				}
				store.add(batch);
				batch = new ArrayList<>(512);
			}
		}
		batch = null;
		long after = usedHeapAfterGc();
		TraceStore.Statistics statistics = store.statistics();
		Reference.reachabilityFence(store);
		return new Measurement(statistics, after - before, offered);
	}

	/** A server span with the usual HTTP attributes, or a SQL span with a unique statement. */
	private static SpanData realisticSpan(int trace, int span, int statementLength) {
		if (span == 0) {
			return span(trace, 0, null, "GET /api/orders/{id}", SpanKind.SERVER, trace, 30,
					Attributes.builder()
						.put(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
						.put(HttpAttributes.HTTP_ROUTE, "/api/orders/{id}")
						.put(UrlAttributes.URL_PATH, "/api/orders/" + trace)
						.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L)
						.put("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) test/" + trace)
						.build());
		}
		StringBuilder statement = new StringBuilder("SELECT id, status, total FROM orders WHERE id = ")
			.append(trace)
			.append(" AND line = ")
			.append(span);
		while (statement.length() < statementLength) {
			statement.append(" OR note LIKE '%").append(statement.length()).append("%'");
		}
		return span(trace, span, 0, "SELECT shop.orders", SpanKind.CLIENT, trace, 2,
				Attributes.of(STATEMENT, statement.toString(), AttributeKey.stringKey("db.system"), "postgresql"));
	}

	private static long usedHeapAfterGc() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			ViewerClient.sleep(50);
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private record Measurement(TraceStore.Statistics statistics, long retainedBytes, long offeredBytes) {
	}

}
