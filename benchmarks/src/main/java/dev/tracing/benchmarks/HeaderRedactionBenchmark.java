package dev.tracing.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.web.HeaderRedactingSpanProcessor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What header redaction adds to a server span that captures four request headers (two of
 * them redacted) and one redacted response header, against the same span without it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderRedactionBenchmark {

	private static final AttributeKey<List<String>> AUTHORIZATION = AttributeKey
		.stringArrayKey("http.request.header.authorization");

	private static final AttributeKey<List<String>> COOKIE = AttributeKey.stringArrayKey("http.request.header.cookie");

	private static final AttributeKey<List<String>> REQUEST_ID = AttributeKey
		.stringArrayKey("http.request.header.x-request-id");

	private static final AttributeKey<List<String>> USER_AGENT = AttributeKey
		.stringArrayKey("http.request.header.user-agent");

	private static final AttributeKey<List<String>> SET_COOKIE = AttributeKey
		.stringArrayKey("http.response.header.set-cookie");

	private final SdkTracerProvider plainProvider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();

	private final SdkTracerProvider redactingProvider = SdkTracerProvider.builder()
		.setSampler(Sampler.alwaysOn())
		.addSpanProcessor(HeaderRedactingSpanProcessor.forCapturedHeaders(
				List.of("authorization", "cookie", "x-request-id", "user-agent"), List.of("set-cookie"),
				java.util.Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key")::contains))
		.build();

	private final Tracer plain = this.plainProvider.get("benchmark");

	private final Tracer redacting = this.redactingProvider.get("benchmark");

	@TearDown
	public void close() {
		this.plainProvider.close();
		this.redactingProvider.close();
	}

	@Benchmark
	public void serverSpanWithoutRedaction() {
		serverSpan(this.plain);
	}

	@Benchmark
	public void serverSpanWithRedaction() {
		serverSpan(this.redacting);
	}

	private static void serverSpan(Tracer tracer) {
		var span = tracer.spanBuilder("GET /api/orders/{id}")
			.setSpanKind(SpanKind.SERVER)
			.setAttribute(AUTHORIZATION, List.of("Bearer eyJhbGciOi"))
			.setAttribute(COOKIE, List.of("session=abc"))
			.setAttribute(REQUEST_ID, List.of("r-123"))
			.setAttribute(USER_AGENT, List.of("curl/8.0"))
			.startSpan();
		span.setAttribute(SET_COOKIE, List.of("session=def"));
		span.end();
	}

}
