package dev.tracing.boot.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tracing.boot.jdbc.shop.Shop;
import dev.tracing.boot.jdbc.shop.ShopApplication;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up statements on the wire, on the real PostgreSQL and on H2, with JPA creating the
 * schema ({@code ddl-auto=create}) and a runner seeding data. By default none of them
 * arrives as a trace of its own, while the statement of a start-up runner that traces itself,
 * the statements of a request and a statement made with no span once the application is
 * ready all arrive. With {@code tracing.jdbc.trace-startup-statements=true} the schema
 * creation and the seeding arrive as root spans.
 */
class StartupStatementsEndToEndTests {

	private static final String PROPERTY = "tracing.jdbc.trace-startup-statements";

	@Test
	void postgresStartUpLeavesNoStrayTraces() {
		try (Shop shop = Shop.start(Map.of(), TracedWarmUp.class)) {
			assertNoStrayStartUpTraces(shop);
		}
	}

	@Test
	void h2StartUpLeavesNoStrayTraces() {
		try (Shop shop = Shop.startOnH2(Map.of(), TracedWarmUp.class)) {
			assertNoStrayStartUpTraces(shop);
		}
	}

	@Test
	void postgresStartUpStatementsArriveWhenAsked() {
		try (Shop shop = Shop.start(Map.of(PROPERTY, "true"))) {
			assertStartUpStatementsArrive(shop);
		}
	}

	@Test
	void h2StartUpStatementsArriveWhenAsked() {
		try (Shop shop = Shop.startOnH2(Map.of(PROPERTY, "true"))) {
			assertStartUpStatementsArrive(shop);
		}
	}

	private static void assertNoStrayStartUpTraces(Shop shop) {
		OtlpReceiver receiver = shop.receiver();
		assertThat(shop.http().get("/shop/orders/eager").statusCode()).isEqualTo(200);
		ReceivedSpan request = shop.awaitRequest("/shop/orders/eager", null);
		receiver.awaitSpan((s) -> isStatement(s) && s.parentSpanId().equals(request.spanId()));
		// Once the application is ready, a statement with no span current is traced as before.
		shop.app().getBean(JdbcTemplate.class).queryForObject("SELECT 6 * 7", Integer.class);
		ReceivedSpan afterReady = receiver
			.awaitSpan((s) -> isStatement(s) && isRoot(s) && "SELECT ? * ?".equals(s.attribute("db.query.text")));
		// A start-up runner that traces its work keeps its statements.
		ReceivedSpan warmUp = receiver.awaitSpan((s) -> s.name().equals(TracedWarmUp.SPAN_NAME));
		ReceivedSpan warmUpStatement = receiver
			.awaitSpan((s) -> isStatement(s) && s.parentSpanId().equals(warmUp.spanId()));
		assertThat(warmUpStatement.attribute("db.query.text")).containsIgnoringCase("from shop_customer");

		shop.http().flushSpans();
		List<ReceivedSpan> statements = receiver.spans().stream().filter(StartupStatementsEndToEndTests::isStatement).toList();
		assertThat(statements.stream().filter(StartupStatementsEndToEndTests::isRoot))
			.as("root statement spans: only the one made after start-up")
			.extracting(ReceivedSpan::spanId)
			.containsExactly(afterReady.spanId());
		assertThat(statements).extracting(StartupStatementsEndToEndTests::text)
			.noneMatch((text) -> text.contains("create table"))
			.noneMatch((text) -> text.startsWith("insert into shop_customer"));
	}

	private static void assertStartUpStatementsArrive(Shop shop) {
		OtlpReceiver receiver = shop.receiver();
		shop.http().flushSpans();
		receiver.awaitSpan((s) -> isStatement(s) && isRoot(s) && text(s).contains("create table shop_customer"));
		receiver.awaitSpan((s) -> isStatement(s) && isRoot(s) && text(s).contains("create table shop_order"));
		List<ReceivedSpan> seeded = receiver.awaitSpans(
				(s) -> isStatement(s) && isRoot(s) && text(s).startsWith("insert into shop_customer"),
				ShopApplication.CUSTOMERS);
		assertThat(seeded).hasSize(ShopApplication.CUSTOMERS);
	}

	private static boolean isStatement(ReceivedSpan span) {
		return span.kind() == SpanKind.SPAN_KIND_CLIENT && span.attribute("db.system.name") != null
				&& !"redis".equals(span.attribute("db.system.name"));
	}

	private static boolean isRoot(ReceivedSpan span) {
		return span.parentSpanId().isEmpty();
	}

	private static String text(ReceivedSpan span) {
		String text = span.attribute("db.query.text");
		return (text != null) ? text.toLowerCase(Locale.ROOT) : "";
	}

	/** A start-up runner that traces its own work, as a user would for a cache warm-up. */
	@Configuration(proxyBeanMethods = false)
	static class TracedWarmUp {

		static final String SPAN_NAME = "warm up customer cache";

		@Bean
		ApplicationRunner tracedWarmUp(OpenTelemetry openTelemetry, JdbcTemplate jdbc) {
			return (args) -> {
				Span span = openTelemetry.getTracer("shop-warm-up").spanBuilder(SPAN_NAME).startSpan();
				try (Scope scope = span.makeCurrent()) {
					jdbc.queryForObject("SELECT count(*) FROM shop_customer", Long.class);
				}
				finally {
					span.end();
				}
			};
		}

	}

}
