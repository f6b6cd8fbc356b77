package dev.tracing.boot.viewer;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.pipeline.SpanExportStage;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The viewer's test application: a checkout request with nested spans (the server span, SQL
 * statements against H2, and a manual child span standing in for a {@code @Traced} method
 * that runs SQL of its own), a failing request, a request that sets off background work (a
 * trace per item, as a queue consumer makes them), a request that publishes a message for a
 * worker (its trace context in the headers), and an export stage of the application's own,
 * which masks {@code enduser.email} before anything is exported, as redaction does.
 */
@SpringBootApplication
public class ViewerTestApplication {

	static final AttributeKey<String> EMAIL = AttributeKey.stringKey("enduser.email");

	static final String EMAIL_VALUE = "alice@example.com";

	static final String MASKED = "[MASKED]";

	/** Starts the application with these properties on a random port. */
	public static ConfigurableApplicationContext run(Map<String, String> properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.datasource.url", "jdbc:h2:mem:viewer;DB_CLOSE_DELAY=-1");
		defaults.put("spring.application.name", "checkout-service");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("tracing.batch.schedule-delay", "100ms");
		SpringApplication application = new SpringApplicationBuilder(ViewerTestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(defaults)
			.build();
		List<String> args = properties.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toList();
		return application.run(args.toArray(String[]::new));
	}

	/** Ahead of the starter's masking, so that the viewer must show this stage's work. */
	@Bean
	@Order(SpanExportStage.MASKING - 1)
	SpanExportStage maskingStandIn() {
		return EmailMaskingExporter::new;
	}

	@RestController
	static class CheckoutController {

		private final JdbcTemplate jdbc;

		private final Tracer tracer;

		private final OpenTelemetry openTelemetry;

		CheckoutController(JdbcTemplate jdbc, OpenTelemetry openTelemetry) {
			this.jdbc = jdbc;
			this.openTelemetry = openTelemetry;
			this.tracer = openTelemetry.getTracer("dev.tracing.viewer-test");
		}

		@GetMapping("/api/checkout/{id}")
		Map<String, Object> checkout(@PathVariable long id, @RequestParam(defaultValue = "0") long delayMs)
				throws InterruptedException {
			Span.current().setAttribute(EMAIL, EMAIL_VALUE);
			Integer items = this.jdbc.queryForObject("SELECT ? + 1", Integer.class, id);
			Span price = this.tracer.spanBuilder("PriceCalculator.price").startSpan();
			Integer total;
			try (Scope scope = price.makeCurrent()) {
				Integer base = this.jdbc.queryForObject("SELECT 2 * ?", Integer.class, id);
				if (delayMs > 0) {
					Thread.sleep(delayMs);
				}
				total = this.jdbc.queryForObject("SELECT 3 * ?", Integer.class, base);
				price.addEvent("price.computed", Attributes.of(AttributeKey.longKey("price.total"), (long) total));
			}
			finally {
				price.end();
			}
			return Map.of("id", id, "items", items, "total", total, "traceId",
					Span.current().getSpanContext().getTraceId());
		}

		/**
		 * Background work, as a queue consumer or a scheduled job does it: each item a trace
		 * of its own (an internal root span and its SQL), not part of this request's trace.
		 */
		@GetMapping("/api/background")
		Map<String, Object> background(@RequestParam int count) {
			for (int item = 0; item < count; item++) {
				Span process = this.tracer.spanBuilder("OrderProcessor.process").setNoParent().startSpan();
				try (Scope scope = process.makeCurrent()) {
					this.jdbc.queryForObject("SELECT ?", Integer.class, item);
				}
				finally {
					process.end();
				}
			}
			return Map.of("processed", count);
		}

		/**
		 * Publishes an order to a queue, as the sample's web service does: a PRODUCER span
		 * whose context goes into the message headers, returned here for a worker to continue.
		 */
		@GetMapping("/api/enqueue")
		Map<String, Object> enqueue() {
			Span send = this.tracer.spanBuilder("send orders").setSpanKind(SpanKind.PRODUCER).startSpan();
			Map<String, String> headers = new LinkedHashMap<>();
			try (Scope scope = send.makeCurrent()) {
				this.openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), headers, Map::put);
			}
			finally {
				send.end();
			}
			return Map.of("traceId", send.getSpanContext().getTraceId(), "headers", headers);
		}

		@GetMapping("/api/fail")
		Map<String, Object> fail() {
			this.jdbc.queryForObject("SELECT 1", Integer.class);
			throw new IllegalStateException("payment declined");
		}

	}

	/** Stands in for the starter's redaction: masks one attribute in everything exported. */
	static final class EmailMaskingExporter implements SpanExporter {

		private final SpanExporter delegate;

		EmailMaskingExporter(SpanExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return this.delegate.export(spans.stream().map(EmailMaskingExporter::mask).toList());
		}

		private static SpanData mask(SpanData span) {
			if (span.getAttributes().get(EMAIL) == null) {
				return span;
			}
			Attributes masked = span.getAttributes().toBuilder().put(EMAIL, MASKED).build();
			return new DelegatingSpanData(span) {

				@Override
				public Attributes getAttributes() {
					return masked;
				}

			};
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

	}

}
