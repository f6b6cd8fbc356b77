package dev.tracing.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.tracing.boot.annotation.Traced;
import dev.tracing.boot.annotation.TracedAttribute;
import dev.tracing.boot.annotation.TracedAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
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

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code @Traced} adds to a call: the same Spring AOP proxy (built by Spring Boot's AOP
 * auto-configuration and ours) calls one method without the annotation and one with it and a
 * {@code @TracedAttribute} parameter. The SDK behind it is the production shape: a batch
 * processor in front of an exporter (here one that discards), every span sampled
 * ({@code always_on}) or none ({@code always_off}). The added cost is
 * {@code traced - untraced}; the budget is under 1 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TracedBenchmark {

	@Param({ "always_on", "always_off" })
	public String sampler;

	private SdkTracerProvider tracerProvider;

	private AnnotationConfigApplicationContext context;

	private Checkout checkout;

	@Setup(Level.Trial)
	public void start() {
		this.tracerProvider = SdkTracerProvider.builder()
			.setSampler("always_on".equals(this.sampler) ? Sampler.alwaysOn() : Sampler.alwaysOff())
			.addSpanProcessor(BatchSpanProcessor.builder(new DiscardingExporter()).build())
			.build();
		OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(this.tracerProvider).build();
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(OpenTelemetry.class, () -> openTelemetry);
		this.context.register(Application.class);
		this.context.refresh();
		this.checkout = this.context.getBean(Checkout.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
		this.tracerProvider.close();
	}

	@Benchmark
	public long untraced() {
		return this.checkout.plain(42L);
	}

	@Benchmark
	public long traced() {
		return this.checkout.traced(42L);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, TracedAutoConfiguration.class })
	static class Application {

		@Bean
		Checkout checkout() {
			return new Checkout();
		}

	}

	public static class Checkout {

		public long plain(long orderId) {
			return orderId * 31;
		}

		@Traced
		public long traced(@TracedAttribute("order.id") long orderId) {
			return orderId * 31;
		}

	}

	static final class DiscardingExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(java.util.Collection<SpanData> spans) {
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

}
