package dev.tracing.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.pipeline.RuleBasedSampler;
import dev.tracing.boot.web.ExcludedUrlsSamplingRule;
import dev.tracing.boot.web.ExcludedUrls;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code tracing.web.excluded-urls} adds to the sampling decision of a request that is
 * not excluded, as a rule of the root sampler, against the engine's default sampler alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExcludedUrlSamplerBenchmark {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private final Sampler plain = Sampler.parentBased(Sampler.alwaysOn());

	private final Sampler excluding = new RuleBasedSampler(List.of(new ExcludedUrlsSamplingRule(
			new ExcludedUrls(List.of("/health.*", "/actuator.*", "client/.*/info")))), this.plain);

	private final Attributes request = Attributes.builder()
		.put(UrlAttributes.URL_SCHEME, "http")
		.put(ServerAttributes.SERVER_ADDRESS, "orders.internal")
		.put(ServerAttributes.SERVER_PORT, 8080L)
		.put(UrlAttributes.URL_PATH, "/api/orders/12345")
		.put(UrlAttributes.URL_QUERY, "expand=items")
		.build();

	@Benchmark
	public SamplingResult engineSamplerOnly() {
		return this.plain.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, this.request, List.of());
	}

	@Benchmark
	public SamplingResult withExcludedUrls() {
		return this.excluding.shouldSample(Context.root(), TRACE_ID, "GET", SpanKind.SERVER, this.request, List.of());
	}

}
