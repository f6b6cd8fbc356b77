package dev.tracing.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.viewer.TraceStore;
import dev.tracing.boot.viewer.TraceStoreExporter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the viewer costs the batch span processor's export thread per span: copying it into
 * the trace store and, with the store full, evicting old traces. Request threads never run
 * this code; it runs once per exported batch. Batches of 512 spans (the default batch size),
 * 10 spans per trace, default limits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceStoreBenchmark {

	private static final int BATCH = 512;

	private static final int BATCHES = 200;

	private final TraceStoreExporter exporter = new TraceStoreExporter(
			new TraceStore(new TraceStore.Limits(500, 20_000, 2_000, 16 * 1024 * 1024)));

	private final List<List<SpanData>> batches = new ArrayList<>();

	private int next;

	@Setup
	public void createSpans() {
		int span = 0;
		for (int b = 0; b < BATCHES; b++) {
			List<SpanData> batch = new ArrayList<>(BATCH);
			for (int i = 0; i < BATCH; i++, span++) {
				batch.add(span(span / 10, span % 10));
			}
			this.batches.add(batch);
		}
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public CompletableResultCode exportBatchIntoFullStore() {
		List<SpanData> batch = this.batches.get(this.next);
		this.next = (this.next + 1) % BATCHES;
		return this.exporter.export(batch);
	}

	private static SpanData span(int trace, int index) {
		String traceId = String.format("%032x", trace + 1L);
		long start = 1_700_000_000_000_000_000L + trace * 1_000_000L + index * 1_000L;
		Attributes attributes = (index == 0)
				? Attributes.of(HttpAttributes.HTTP_REQUEST_METHOD, "GET", HttpAttributes.HTTP_ROUTE, "/api/orders/{id}",
						UrlAttributes.URL_PATH, "/api/orders/" + trace, HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L)
				: Attributes.of(AttributeKey.stringKey("db.system"), "postgresql", AttributeKey.stringKey("db.statement"),
						"SELECT id, status, total FROM orders WHERE id = ?");
		return TestSpanData.builder()
			.setSpanContext(SpanContext.create(traceId, String.format("%016x", index + 1L), TraceFlags.getSampled(),
					TraceState.getDefault()))
			.setParentSpanContext((index == 0) ? SpanContext.getInvalid()
					: SpanContext.create(traceId, String.format("%016x", 1L), TraceFlags.getSampled(),
							TraceState.getDefault()))
			.setName((index == 0) ? "GET /api/orders/{id}" : "SELECT shop.orders")
			.setKind((index == 0) ? SpanKind.SERVER : SpanKind.CLIENT)
			.setStartEpochNanos(start)
			.setEndEpochNanos(start + 500_000L)
			.setAttributes(attributes)
			.setTotalAttributeCount(attributes.size())
			.setStatus(StatusData.unset())
			.setHasEnded(true)
			.build();
	}

}
