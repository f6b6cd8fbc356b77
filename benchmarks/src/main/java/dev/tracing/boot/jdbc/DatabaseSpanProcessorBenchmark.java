package dev.tracing.boot.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the starter's JDBC layer ({@link DatabaseSpanProcessor}: literal removal, slow-query
 * timing, N+1 counting) adds to each statement span the engine makes. Statements run inside
 * one open request, the same statement again and again, as in an N+1 loop.
 * <ul>
 * <li>{@code engineSpanOnly} / {@code engineSpanWithOurLayer}: a whole statement span (start
 * with the engine's attributes, end) on an SDK without and with the processor; the difference
 * is the overhead per statement.</li>
 * <li>{@code ourCallbacksOnly}: the processor's two callbacks alone on a live span.</li>
 * </ul>
 * {@code main} runs all three and prints the overhead in ns, from the median of the
 * measurement iterations (a shared machine makes single iterations jumpy).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class DatabaseSpanProcessorBenchmark {

	/** A Hibernate-style statement (nothing to remove) and one with a literal. */
	@Param({ "select c1_0.id,c1_0.email,c1_0.name from customer c1_0 where c1_0.id=?",
			"select o.id from orders o where o.status='PAID' and o.customer_id=?" })
	public String statement;

	private DatabaseSpanProcessor processor;

	private DatabaseSpanProcessor callbackProcessor;

	private OpenTelemetrySdk withoutLayer;

	private OpenTelemetrySdk withLayer;

	private Tracer plainTracer;

	private Tracer layeredTracer;

	private Context plainRequest;

	private Context layeredRequest;

	private Context callbackRequest;

	private ReadWriteSpan liveSpan;

	private Attributes engineAttributes;

	@Setup(Level.Trial)
	public void setUp() {
		this.processor = new DatabaseSpanProcessor(new StatementSanitizer(), true,
				new SlowStatementReporter(Duration.ofMillis(500)), new RepeatedStatementDetector(10));
		// The live span of ourCallbacksOnly is as old as the trial; a threshold it never reaches
		// keeps the timing check on the path every fast statement takes.
		this.callbackProcessor = new DatabaseSpanProcessor(new StatementSanitizer(), true,
				new SlowStatementReporter(Duration.ofDays(1)), new RepeatedStatementDetector(10));
		// Both SDKs carry a processor that, like the engine's batch processor, wants every start
		// and end, so the difference is what our processor adds and nothing else.
		this.withoutLayer = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new EngineLikeProcessor()).build())
			.build();
		this.withLayer = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new EngineLikeProcessor())
				.addSpanProcessor(this.processor)
				.build())
			.build();
		this.plainTracer = this.withoutLayer.getTracer(DatabaseSpanProcessor.JDBC_SCOPE);
		this.layeredTracer = this.withLayer.getTracer(DatabaseSpanProcessor.JDBC_SCOPE);
		this.plainRequest = request(this.withoutLayer);
		this.layeredRequest = request(this.withLayer);
		this.engineAttributes = Attributes.builder()
			.put(DbAttributes.DB_SYSTEM_NAME, "postgresql")
			.put(DbAttributes.DB_NAMESPACE, "shop")
			.put(DbAttributes.DB_QUERY_TEXT, this.statement)
			.put(DbAttributes.DB_QUERY_SUMMARY, "select customer")
			.put(ServerAttributes.SERVER_ADDRESS, "db.internal")
			.put(ServerAttributes.SERVER_PORT, 5432L)
			.build();
		// A span of the plain SDK: the callbacks run on it directly, so nothing else is timed.
		this.callbackRequest = request(this.withoutLayer);
		this.liveSpan = (ReadWriteSpan) this.plainTracer.spanBuilder("select customer")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(this.callbackRequest)
			.setAllAttributes(this.engineAttributes)
			.startSpan();
	}

	private static Context request(OpenTelemetry openTelemetry) {
		Instrumenter<String, Void> server = Instrumenter
			.<String, Void>builder(openTelemetry, "benchmark-server", (route) -> "GET " + route)
			.buildInstrumenter(SpanKindExtractor.alwaysServer());
		return server.start(Context.root(), "/customers");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		Span.fromContext(this.plainRequest).end();
		Span.fromContext(this.layeredRequest).end();
		this.liveSpan.end();
		this.withoutLayer.close();
		this.withLayer.close();
	}

	@Benchmark
	public Span engineSpanOnly() {
		return statementSpan(this.plainTracer, this.plainRequest);
	}

	@Benchmark
	public Span engineSpanWithOurLayer() {
		return statementSpan(this.layeredTracer, this.layeredRequest);
	}

	@Benchmark
	public ReadWriteSpan ourCallbacksOnly() {
		this.callbackProcessor.onStart(this.callbackRequest, this.liveSpan);
		this.callbackProcessor.onEnding(this.liveSpan);
		return this.liveSpan;
	}

	private Span statementSpan(Tracer tracer, Context request) {
		Span span = tracer.spanBuilder("select customer")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(request)
			.setAllAttributes(this.engineAttributes)
			.startSpan();
		span.end();
		return span;
	}

	/** Stands in for the engine's batch span processor: wants every start and end, does nothing. */
	static final class EngineLikeProcessor implements SpanProcessor {

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return true;
		}

		@Override
		public void onEnd(ReadableSpan span) {
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

	}

	/** Runs the benchmark and prints the overhead per statement. */
	public static void main(String[] args) throws RunnerException {
		Collection<RunResult> results = new Runner(
				new OptionsBuilder().include(DatabaseSpanProcessorBenchmark.class.getSimpleName()).build())
			.run();
		System.out.println();
		System.out.println("Medians of the measurement iterations, ns per statement:");
		for (String statement : new String[] { "select c1_0.id", "select o.id" }) {
			double plain = median(results, "engineSpanOnly", statement);
			double layered = median(results, "engineSpanWithOurLayer", statement);
			double callbacks = median(results, "ourCallbacksOnly", statement);
			System.out.printf("%-16s span %.0f ns -> %.0f ns with our layer: +%.0f ns per statement"
					+ " (our callbacks alone: %.0f ns; budget 200 ns)%n", statement + "...", plain, layered,
					layered - plain, callbacks);
		}
	}

	private static double median(Collection<RunResult> results, String benchmark, String statement) {
		double[] scores = results.stream()
			.filter((r) -> r.getParams().getBenchmark().endsWith("." + benchmark)
					&& r.getParams().getParam("statement").startsWith(statement))
			.flatMap((r) -> r.getBenchmarkResults().stream())
			.flatMap((r) -> r.getIterationResults().stream())
			.mapToDouble((r) -> r.getPrimaryResult().getScore())
			.sorted()
			.toArray();
		int middle = scores.length / 2;
		return (scores.length % 2 == 1) ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
	}

}
