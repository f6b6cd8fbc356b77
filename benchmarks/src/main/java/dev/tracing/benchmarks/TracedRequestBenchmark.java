package dev.tracing.benchmarks;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.tracing.boot.annotation.Traced;
import dev.tracing.boot.annotation.TracedAttribute;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The application-thread cost of one traced request: a server span, three JDBC spans, two
 * Redis spans and one {@code @Traced} method, with header redaction on, through the SDK our
 * auto-configuration builds, against the bare OpenTelemetry SDK doing the same spans.
 * <ul>
 * <li>{@code starter}: a non-web Spring application with the engine and every one of our
 * auto-configurations (sampler chain with URL exclusion, header-redacting span processor,
 * redacting exporter, export failure reporting), {@code @Traced} through the real Spring AOP
 * proxy, exporting through our exporter chain into a counting exporter.</li>
 * <li>{@code sdk}: {@code SdkTracerProvider} with the SDK's default sampler and a
 * {@code BatchSpanProcessor} in front of the same counting exporter; the {@code @Traced}
 * method is a plain span started by hand.</li>
 * </ul>
 * The span-creation code (what the engine's servlet filter, JDBC wrapper and Lettuce's
 * tracing do) is the same method for both. Work done on the export thread (redaction of the
 * finished spans, serialisation) is not on the request's thread and not measured here
 * ({@code SpanRedactionBenchmark} measures redaction). {@code main} runs both and prints the
 * ratio.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class TracedRequestBenchmark {

	private static final AttributeKey<List<String>> USER_AGENT = AttributeKey
		.stringArrayKey("http.request.header.user-agent");

	private static final AttributeKey<List<String>> AUTHORIZATION = AttributeKey
		.stringArrayKey("http.request.header.authorization");

	private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");

	private static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");

	private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");

	private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation");

	private static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");

	private static final AttributeKey<Long> ORDER_ID = AttributeKey.longKey("order.id");

	/** Our auto-configuration, engine included, in a non-web Spring application. */
	@State(org.openjdk.jmh.annotations.Scope.Benchmark)
	public static class Starter {

		ConfigurableApplicationContext context;

		Tracer tracer;

		OrderLookup lookup;

		PlainOrderLookup plainLookup;

		@Setup(Level.Trial)
		public void start() {
			this.context = new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
				.run("--spring.main.banner-mode=off", "--logging.level.root=WARN",
						"--tracing.service-name=benchmark", "--otel.traces.exporter=counting",
						"--otel.metrics.exporter=none", "--otel.logs.exporter=none",
						"--tracing.web.excluded-urls=/health,/actuator",
						"--tracing.web.capture-request-headers=user-agent,authorization");
			this.tracer = this.context.getBean(OpenTelemetry.class).getTracer("benchmark");
			this.lookup = this.context.getBean(OrderLookup.class);
			this.plainLookup = new PlainOrderLookup(this.tracer);
			SdkTracerProvider tracerProvider = this.context.getBean(AutoConfiguredOpenTelemetrySdk.class)
				.getOpenTelemetrySdk()
				.getSdkTracerProvider();
			CountingExporter exporter = this.context.getBean(CountingExporterProvider.class).exporter;
			checkSpans(tracerProvider, exporter, () -> request(this.tracer, () -> this.lookup.find(42L, this.tracer)));
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** The bare SDK: default sampler, a batch processor, the same counting exporter. */
	@State(org.openjdk.jmh.annotations.Scope.Benchmark)
	public static class Sdk {

		SdkTracerProvider tracerProvider;

		Tracer tracer;

		PlainOrderLookup lookup;

		@Setup(Level.Trial)
		public void start() {
			CountingExporter exporter = new CountingExporter();
			this.tracerProvider = SdkTracerProvider.builder()
				.setSampler(Sampler.parentBased(Sampler.alwaysOn()))
				.addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
				.build();
			OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(this.tracerProvider).build();
			this.tracer = openTelemetry.getTracer("benchmark");
			this.lookup = new PlainOrderLookup(this.tracer);
			checkSpans(this.tracerProvider, exporter, () -> request(this.tracer, () -> this.lookup.find(42L, this.tracer)));
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.tracerProvider.close();
		}

	}

	@Benchmark
	public long starter(Starter starter) {
		return request(starter.tracer, () -> starter.lookup.find(42L, starter.tracer));
	}

	/** The starter's SDK with the method span started by hand: what the SDK set-up alone costs. */
	@Benchmark
	public long starterSdkOnly(Starter starter) {
		return request(starter.tracer, () -> starter.plainLookup.find(42L, starter.tracer));
	}

	@Benchmark
	public long sdk(Sdk sdk) {
		return request(sdk.tracer, () -> sdk.lookup.find(42L, sdk.tracer));
	}

	/** Fails the trial unless one request exports its seven spans, all sampled. */
	static void checkSpans(SdkTracerProvider tracerProvider, CountingExporter exporter, Handler request) {
		long before = exporter.spans.sum();
		request.handle();
		tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		long exported = exporter.spans.sum() - before;
		if (exported != 7) {
			throw new IllegalStateException("One request exported " + exported + " spans, expected 7");
		}
	}

	/** The server span, as the engine's servlet filter makes it, around the handler. */
	static long request(Tracer tracer, Handler handler) {
		Span server = tracer.spanBuilder("GET /api/orders/{id}")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, "GET")
			.setAttribute(UrlAttributes.URL_PATH, "/api/orders/42")
			.setAttribute(UrlAttributes.URL_SCHEME, "http")
			.setAttribute(USER_AGENT, List.of("wrk/4.1.0"))
			.setAttribute(AUTHORIZATION, List.of("Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"))
			.startSpan();
		try (Scope scope = server.makeCurrent()) {
			long result = handler.handle();
			server.setAttribute(HttpAttributes.HTTP_ROUTE, "/api/orders/{id}");
			server.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, 200L);
			return result;
		}
		finally {
			server.end();
		}
	}

	/** What the handler does below the {@code @Traced} method: two Redis commands, three statements. */
	static long work(Tracer tracer, long orderId) {
		long result = orderId;
		result += client(tracer, "GET", "redis", null, "GET");
		result += client(tracer, "SELECT orders", "h2", "SELECT o.id, o.status FROM orders o WHERE o.id = ?", "SELECT");
		result += client(tracer, "SELECT order_items", "h2", "SELECT i.sku, i.quantity FROM order_items i WHERE i.order_id = ?",
				"SELECT");
		result += client(tracer, "UPDATE orders", "h2", "UPDATE orders SET viewed_at = ? WHERE id = ?", "UPDATE");
		result += client(tracer, "SET", "redis", null, "SET");
		return result;
	}

	private static long client(Tracer tracer, String name, String system, String statement, String operation) {
		Span span = tracer.spanBuilder(name)
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(DB_SYSTEM, system)
			.setAttribute(DB_OPERATION, operation)
			.startSpan();
		if (statement != null) {
			span.setAttribute(DB_NAME, "orders");
			span.setAttribute(DB_STATEMENT, statement);
		}
		span.end();
		return name.length();
	}

	@FunctionalInterface
	interface Handler {

		long handle();

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApplication {

		@Bean
		OrderLookup orderLookup() {
			return new OrderLookup();
		}

		@Bean
		CountingExporterProvider countingExporterProvider() {
			return new CountingExporterProvider();
		}

	}

	/** Selected by {@code otel.traces.exporter=counting}: the engine then wraps it in our exporter chain. */
	static final class CountingExporterProvider implements ConfigurableSpanExporterProvider {

		volatile CountingExporter exporter;

		@Override
		public SpanExporter createExporter(ConfigProperties config) {
			this.exporter = new CountingExporter();
			return this.exporter;
		}

		@Override
		public String getName() {
			return "counting";
		}

	}

	/** The service method, traced by {@code @Traced} through Spring's AOP proxy. */
	public static class OrderLookup {

		@Traced
		public long find(@TracedAttribute("order.id") long orderId, Tracer tracer) {
			return work(tracer, orderId);
		}

	}

	/** The same method, traced by hand the way {@code @Traced} names and describes its span. */
	static final class PlainOrderLookup {

		private final Tracer tracer;

		PlainOrderLookup(Tracer tracer) {
			this.tracer = tracer;
		}

		long find(long orderId, Tracer tracer) {
			Span span = this.tracer.spanBuilder("OrderLookup.find")
				.setAttribute(CODE_FUNCTION, "dev.tracing.benchmarks.TracedRequestBenchmark$OrderLookup.find")
				.setAttribute(ORDER_ID, orderId)
				.startSpan();
			try (Scope scope = span.makeCurrent()) {
				return work(tracer, orderId);
			}
			finally {
				span.end();
			}
		}

	}

	static final class CountingExporter implements SpanExporter {

		final LongAdder spans = new LongAdder();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.add(batch.size());
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	/**
	 * Runs both benchmarks and prints each one's time per request and the ratio:
	 * {@code java -cp benchmarks/target/benchmarks.jar dev.tracing.benchmarks.TracedRequestBenchmark}.
	 */
	public static void main(String[] args) throws RunnerException {
		Options options = new OptionsBuilder().include(TracedRequestBenchmark.class.getName() + "\\.").build();
		Collection<RunResult> results = new Runner(options).run();
		double starter = score(results, "starter");
		double sdk = score(results, "sdk");
		double sdkOnly = score(results, "starterSdkOnly");
		System.out.printf("%nOne traced request (7 spans) on the application thread:%n");
		System.out.printf("  bare OpenTelemetry SDK  %8.0f ns%n", sdk);
		System.out.printf("  tracing starter         %8.0f ns%n", starter);
		System.out.printf("    of which SDK set-up   %8.0f ns  (the same request with the method span started by hand)%n",
				sdkOnly);
		System.out.printf("  ratio starter / sdk     %8.2f  (+%.0f ns)%n", starter / sdk, starter - sdk);
	}

	private static double score(Collection<RunResult> results, String method) {
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow()
			.getPrimaryResult()
			.getScore();
	}

}
