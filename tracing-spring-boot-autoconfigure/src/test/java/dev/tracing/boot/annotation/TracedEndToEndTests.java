package dev.tracing.boot.annotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Traced} on the wire: a real request through Tomcat and Spring MVC into traced
 * beans, spans read back from a real OTLP receiver.
 */
class TracedEndToEndTests {

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	private static HttpCalls http;

	@BeforeAll
	static void start() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint()), Features.class);
		http = new HttpCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void nestedTracedMethodsFormATreeUnderTheRequestWithTheirAttributes() {
		assertThat(http.get("/traced/orders/42").body()).contains("1260");

		ReceivedSpan request = serverSpan("/traced/orders/42");
		ReceivedSpan place = receiver.awaitSpan(named("OrderService.place", request));
		ReceivedSpan total = receiver.awaitSpan(named("PricingService.total", request));
		ReceivedSpan query = receiver
			.awaitSpan((span) -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT && span.parentSpanId().equals(total.spanId()));

		assertThat(place.parentSpanId()).isEqualTo(request.spanId());
		assertThat(total.parentSpanId()).isEqualTo(place.spanId());
		assertThat(query.traceId()).isEqualTo(request.traceId());
		assertThat(place.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
		assertThat(value(place, "order.id").getIntValue()).isEqualTo(42L);
		assertThat(value(place, "currency").getStringValue()).isEqualTo("EUR");
		assertThat(place.attribute("quantity")).isNull();
		assertThat(place.attribute("code.function.name")).isEqualTo(OrderService.class.getName() + ".place");
		assertThat(place.scope()).isEqualTo("dev.tracing.traced");
	}

	@Test
	void exceptionMarksTheSpanAndReachesTheCallerUnchanged() {
		assertThat(http.get("/traced/payments/7").body()).isEqualTo("java.lang.IllegalStateException: card declined");

		ReceivedSpan request = serverSpan("/traced/payments/7");
		ReceivedSpan charge = receiver.awaitSpan(named("payment.charge", request));
		assertThat(charge.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(charge.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(charge.attribute("error.type")).isEqualTo("java.lang.IllegalStateException");
		assertThat(charge.attribute("order.id")).isEqualTo("7");
		Span.Event event = charge.span().getEvents(0);
		assertThat(event.getName()).isEqualTo("exception");
		assertThat(event.getAttributesList()).extracting(KeyValue::getKey)
			.contains("exception.type", "exception.message", "exception.stacktrace");
	}

	@Test
	void completableFutureSpanEndsWhenTheFutureCompletes() {
		assertThat(http.get("/traced/reports/future").body()).isEqualTo("weekly ready");

		ReceivedSpan request = serverSpan("/traced/reports/future");
		ReceivedSpan report = receiver.awaitSpan(named("ReportService.weekly", request));
		assertThat(report.parentSpanId()).isEqualTo(request.spanId());
		assertThat(durationOf(report)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(report.attribute("report.name")).isEqualTo("weekly");
	}

	@Test
	void failedCompletionStageMarksTheSpan() {
		assertThat(http.get("/traced/reports/failing").body()).isEqualTo("no data");

		ReceivedSpan report = receiver.awaitSpan(named("ReportService.failing", serverSpan("/traced/reports/failing")));
		assertThat(report.span().getStatus().getCode()).isEqualTo(StatusCode.STATUS_CODE_ERROR);
		assertThat(report.attribute("error.type")).isEqualTo("java.lang.IllegalArgumentException");
	}

	@Test
	void monoSpanEndsWhenTheMonoCompletes() {
		assertThat(http.get("/traced/reports/mono").body()).isEqualTo("mono ready");

		ReceivedSpan report = receiver.awaitSpan(named("ReportService.mono", serverSpan("/traced/reports/mono")));
		assertThat(durationOf(report)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void engineAspectsAreAppliedByAdvisorsNotRegisteredAsAspectJAspects() {
		String enginePackage = "io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.";
		assertThat(app.getBeanNamesForType(ClassUtils.resolveClassName(
				enginePackage + "annotations.InstrumentationWithSpanAspect", null))).isEmpty();
		assertThat(app.getBeanNamesForType(ClassUtils.resolveClassName(
				enginePackage + "scheduling.SpringSchedulingInstrumentationAspect", null))).isEmpty();
		assertThat(app.getBeansOfType(EngineAnnotationAdvisor.class).values())
			.flatExtracting(EngineAnnotationAdvisor::getAnnotations)
			.containsExactlyInAnyOrder(WithSpan.class, Scheduled.class, Schedules.class);
	}

	@Test
	void methodWithWithSpanAndTracedProducesOneSpanTheEngines() {
		assertThat(http.get("/traced/inventory").body()).isEqualTo("reserved");

		ReceivedSpan request = serverSpan("/traced/inventory");
		receiver.awaitSpan((span) -> span.traceId().equals(request.traceId()) && span.kind() == Span.SpanKind.SPAN_KIND_INTERNAL);
		http.flushSpans();
		List<ReceivedSpan> children = receiver.spans()
			.stream()
			.filter((span) -> span.traceId().equals(request.traceId()) && span != request
					&& !span.spanId().equals(request.spanId()))
			.toList();
		assertThat(children).singleElement().satisfies((span) -> {
			assertThat(span.name()).isEqualTo("InventoryService.reserve");
			assertThat(span.scope()).isEqualTo("io.opentelemetry.spring-boot-autoconfigure");
		});
	}

	private static ReceivedSpan serverSpan(String path) {
		return receiver.awaitSpan(
				(span) -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER && path.equals(span.attribute("url.path")));
	}

	private static java.util.function.Predicate<ReceivedSpan> named(String name, ReceivedSpan request) {
		return (span) -> span.name().equals(name) && span.traceId().equals(request.traceId());
	}

	private static AnyValue value(ReceivedSpan span, String key) {
		return span.span()
			.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no attribute " + key + " on " + span));
	}

	private static Duration durationOf(ReceivedSpan span) {
		return Duration.ofNanos(span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano());
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ TracedController.class, OrderService.class, PricingService.class, PaymentService.class,
			ReportService.class, InventoryService.class })
	static class Features {

	}

	@RestController
	static class TracedController {

		private final OrderService orders;

		private final PaymentService payments;

		private final ReportService reports;

		private final InventoryService inventory;

		TracedController(OrderService orders, PaymentService payments, ReportService reports,
				InventoryService inventory) {
			this.orders = orders;
			this.payments = payments;
			this.reports = reports;
			this.inventory = inventory;
		}

		@GetMapping("/traced/orders/{id}")
		Map<String, Object> place(@PathVariable long id) {
			return Map.of("total", this.orders.place(id, "EUR", 3));
		}

		@GetMapping("/traced/payments/{id}")
		ResponseEntity<String> pay(@PathVariable long id) {
			try {
				this.payments.charge(id);
				return ResponseEntity.ok("charged");
			}
			catch (IllegalStateException ex) {
				return ResponseEntity.status(402).body(ex.getClass().getName() + ": " + ex.getMessage());
			}
		}

		@GetMapping("/traced/reports/future")
		String future() {
			return this.reports.weekly("weekly").join();
		}

		@GetMapping("/traced/reports/failing")
		String failing() {
			try {
				return this.reports.failing().toCompletableFuture().join();
			}
			catch (CompletionException ex) {
				return ex.getCause().getMessage();
			}
		}

		@GetMapping("/traced/reports/mono")
		String mono() {
			return this.reports.mono().block();
		}

		@GetMapping("/traced/inventory")
		String inventory() {
			return this.inventory.reserve();
		}

	}

	static class OrderService {

		private final PricingService pricing;

		OrderService(PricingService pricing) {
			this.pricing = pricing;
		}

		@Traced
		public long place(@TracedAttribute("order.id") long id, @TracedAttribute String currency, int quantity) {
			return this.pricing.total(id) * quantity;
		}

	}

	@Traced
	static class PricingService {

		private final JdbcTemplate jdbc;

		PricingService(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		public long total(long id) {
			return this.jdbc.queryForObject("SELECT 10 * ?", Long.class, id);
		}

	}

	static class PaymentService {

		@Traced(name = "payment.charge", kind = SpanKind.CLIENT)
		public void charge(@TracedAttribute("order.id") long id) {
			throw new IllegalStateException("card declined");
		}

	}

	static class ReportService {

		@Traced
		public CompletableFuture<String> weekly(@TracedAttribute("report.name") String name) {
			return CompletableFuture.supplyAsync(() -> name + " ready",
					CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		}

		@Traced
		public CompletionStage<String> failing() {
			return CompletableFuture.supplyAsync(() -> {
				throw new IllegalArgumentException("no data");
			}, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
		}

		@Traced
		public Mono<String> mono() {
			return Mono.delay(Duration.ofMillis(300)).map((tick) -> "mono ready");
		}

	}

	static class InventoryService {

		@Traced("inventory.reserve")
		@WithSpan
		public String reserve() {
			return "reserved";
		}

	}

}
