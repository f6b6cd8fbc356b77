package dev.tracing.boot.annotation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.CodeAttributes;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The interceptor on a real Spring AOP proxy, applied by its advisor's pointcut, with an in-memory exporter: names, kinds,
 * attributes, failures and asynchronous results. {@link TracedEndToEndTests} shows the same
 * on the wire.
 */
class TracedMethodInterceptorTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@AfterEach
	void close() {
		this.tracerProvider.close();
	}

	@Test
	void methodSpanIsNamedAfterClassAndMethodAndCarriesAnnotatedArguments() {
		Orders orders = proxy(new Orders());
		orders.place(42L, "EUR", 3, 9.5, true, null);

		SpanData span = single();
		assertThat(span.getName()).isEqualTo("Orders.place");
		assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
		assertThat(span.getAttributes().get(AttributeKey.longKey("order.id"))).isEqualTo(42L);
		assertThat(span.getAttributes().get(AttributeKey.stringKey("currency"))).isEqualTo("EUR");
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("weight"))).isEqualTo(9.5);
		assertThat(span.getAttributes().get(AttributeKey.booleanKey("express"))).isTrue();
		assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.containsExactlyInAnyOrder("order.id", "currency", "weight", "express",
					CodeAttributes.CODE_FUNCTION_NAME.getKey());
		assertThat(span.getAttributes().get(CodeAttributes.CODE_FUNCTION_NAME))
			.isEqualTo(Orders.class.getName() + ".place");
	}

	@Test
	void nameAndKindComeFromTheAnnotation() {
		proxy(new Payments()).refund();

		SpanData span = single();
		assertThat(span.getName()).isEqualTo("payment.refund");
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
	}

	@Test
	void codeAttributesCanBeLeftOut() {
		proxy(new Payments(), new TracedMethods(false, (method) -> false)).refund();

		assertThat(single().getAttributes().get(CodeAttributes.CODE_FUNCTION_NAME)).isNull();
	}

	@Test
	void classLevelAnnotationTracesPublicMethodsAndItsNameReplacesTheClassName() {
		Billing billing = proxy(new Billing());
		billing.invoice();
		assertThat(billing.toString()).isEqualTo("billing");

		SpanData span = single();
		assertThat(span.getName()).isEqualTo("billing.invoice");
	}

	@Test
	void exceptionIsRecordedAndRethrownUnchanged() {
		Payments payments = proxy(new Payments());
		assertThatIllegalStateException().isThrownBy(payments::charge)
			.isSameAs(Payments.DECLINED);

		SpanData span = single();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("java.lang.IllegalStateException");
		EventData event = span.getEvents().get(0);
		assertThat(event.getName()).isEqualTo("exception");
		assertThat(event.getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE)).isEqualTo("card declined");
	}

	@Test
	void completableFutureEndsTheSpanWhenItCompletes() {
		Reports target = new Reports();
		CompletableFuture<String> report = proxy(target).pending();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();

		target.release.complete("done");
		assertThat(report.join()).isEqualTo("done");
		assertThat(single().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	@Test
	void failedFutureMarksTheSpanWithTheCauseNotTheCompletionWrapper() {
		Reports reports = proxy(new Reports());
		reports.failing().exceptionally((ex) -> null).join();

		SpanData span = single();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(ErrorAttributes.ERROR_TYPE)).isEqualTo("java.lang.IllegalArgumentException");
	}

	@Test
	void cancelledFutureIsNotAnError() {
		Reports reports = proxy(new Reports());
		reports.pending().cancel(false);

		SpanData span = single();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(span.getAttributes().get(SpanOutcome.CANCELED)).isTrue();
	}

	@Test
	void monoEndsTheSpanWhenItTerminates() {
		Reports reports = proxy(new Reports());
		Mono<String> mono = reports.mono();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();

		assertThat(mono.block()).isEqualTo("mono");
		assertThat(single().getEndEpochNanos() - single().getStartEpochNanos())
			.isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
	}

	@Test
	void cancelledFluxIsNotAnError() {
		assertThat(proxy(new Reports()).flux().next().block()).isEqualTo("a");

		SpanData span = single();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(span.getAttributes().get(SpanOutcome.CANCELED)).isTrue();
	}

	@Test
	void fluxErrorMarksTheSpan() {
		Flux<String> flux = proxy(new Reports()).flux();
		assertThatIllegalStateException().isThrownBy(() -> flux.collectList().block()).withMessage("broken");

		assertThat(single().getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
	}

	@Test
	void methodsTracedByTheEngineGetNoSecondSpan() {
		Predicate<java.lang.reflect.Method> engine = new MethodsTracedByEngine(List.of(WithSpan.class));
		Inventory inventory = proxy(new Inventory(), new TracedMethods(true, engine));
		inventory.reserve();
		inventory.release();

		assertThat(single().getName()).isEqualTo("Inventory.release");
	}

	@Test
	void callsOnThisBypassTheProxy() {
		proxy(new Orders()).placeAndAudit();

		assertThat(single().getName()).isEqualTo("Orders.placeAndAudit");
	}

	private SpanData single() {
		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).hasSize(1);
		return spans.get(0);
	}

	private <T> T proxy(T target) {
		return proxy(target, new TracedMethods(true, (method) -> false));
	}

	@SuppressWarnings("unchecked")
	private <T> T proxy(T target, TracedMethods methods) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new TracedAdvisor(() -> new TracedMethodInterceptor(this.tracerProvider.get("test"), methods)));
		return (T) factory.getProxy();
	}

	static class Orders {

		@Traced
		public long place(@TracedAttribute("order.id") long id, @TracedAttribute String currency, int quantity,
				@TracedAttribute double weight, @TracedAttribute Boolean express, @TracedAttribute String note) {
			return id * quantity;
		}

		@Traced
		public void placeAndAudit() {
			audit();
		}

		@Traced
		public void audit() {
		}

	}

	static class Payments {

		static final IllegalStateException DECLINED = new IllegalStateException("card declined");

		@Traced
		public void charge() {
			throw DECLINED;
		}

		@Traced(name = "payment.refund", kind = SpanKind.CLIENT)
		public void refund() {
		}

	}

	@Traced("billing")
	static class Billing {

		public void invoice() {
		}

		@Override
		public String toString() {
			return "billing";
		}

	}

	static class Reports {

		final CompletableFuture<String> release = new CompletableFuture<>();

		@Traced
		public CompletableFuture<String> pending() {
			return this.release.thenApply((value) -> value);
		}

		@Traced
		public CompletableFuture<String> failing() {
			return CompletableFuture.<String>completedFuture("x").thenApply((value) -> {
				throw new IllegalArgumentException("no data");
			});
		}

		@Traced
		public Mono<String> mono() {
			return Mono.delay(Duration.ofMillis(50)).map((tick) -> "mono");
		}

		@Traced
		public Flux<String> flux() {
			return Flux.just("a").concatWith(Flux.error(new IllegalStateException("broken")));
		}

	}

	@Traced
	static class Inventory {

		@WithSpan
		public void reserve() {
		}

		public void release() {
		}

	}

}
