package dev.tracing.boot.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.tracing.boot.jdbc.shop.Shop;
import dev.tracing.boot.jdbc.shop.ShopApplication;
import dev.tracing.boot.jdbc.shop.StartedShop;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.PostgresSchema;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data features on the wire, against the real PostgreSQL and Redis with the default
 * settings: one trace per request holding its JPA, JdbcTemplate and Redis spans under the
 * stable database conventions; no literal from the request in any statement text; the
 * slow-query flag on a pg_sleep statement; the N+1 event on a lazy-loading loop and not on its
 * join-fetch fix; and no SQL comment sent to the database unless asked for.
 */
@ExtendWith({ OutputCaptureExtension.class, StartedShop.Defaults.class })
class JdbcPostgresEndToEndTests {

	private static Shop shop;

	private static HttpCalls http;

	private static OtlpReceiver receiver;

	@BeforeAll
	static void useShop(Shop defaults) {
		shop = defaults;
		http = shop.http();
		receiver = shop.receiver();
	}

	@Test
	void checkoutIsOneTraceOfJpaJdbcAndRedisSpansWithoutRequestLiterals() {
		String name = "Zed Literal " + Shop.marker();
		String email = "zed." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String ref = Shop.marker();
		assertThat(http.get("/shop/checkout?name=" + name.replace(" ", "%20") + "&email=" + email + "&amount=77.25&ref="
				+ ref)
			.statusCode()).isEqualTo(200);
		ReceivedSpan server = shop.awaitRequest("/shop/checkout", ref);
		receiver.awaitSpans((s) -> s.traceId().equals(server.traceId()), 7);
		List<ReceivedSpan> trace = shop.trace(server.traceId());

		List<ReceivedSpan> sql = clients(trace, "postgresql");
		assertThat(sql).extracting(ReceivedSpan::name)
			.containsExactly("select shop_customer", "insert shop_customer", "insert shop_order",
					"SELECT shop_customer");
		for (ReceivedSpan statement : sql) {
			assertThat(statement.parentSpanId()).isEqualTo(server.spanId());
			assertThat(statement.attribute("db.namespace")).isEqualTo("test|" + shop.schema().name());
			assertThat(statement.attribute("db.query.summary")).isEqualTo(statement.name());
			assertThat(statement.attribute("server.address")).isEqualTo("127.0.0.1");
			assertThat(statement.attribute("server.port")).isEqualTo("5432");
			assertThat(statement.attribute("db.statement")).as("old convention name").isNull();
			assertThat(statement.attribute("db.system")).as("old convention name").isNull();
		}
		assertThat(sql.get(3).attribute("db.query.text"))
			.isEqualTo("SELECT count(*) FROM shop_customer WHERE name = ? AND id > ?");

		List<ReceivedSpan> redis = clients(trace, "redis");
		assertThat(redis).extracting((s) -> s.attribute("db.operation.name")).containsExactly("SET", "GET");
		assertThat(redis).extracting((s) -> s.attribute("db.query.text")).containsExactly("SET ? ?", "GET ?");
		assertThat(redis).allSatisfy((command) -> {
			assertThat(command.parentSpanId()).isEqualTo(server.spanId());
			assertThat(command.attribute("server.port")).isEqualTo("6379");
		});
		assertThat(trace).hasSize(1 + sql.size() + redis.size());

		for (ReceivedSpan client : sql) {
			assertNoValue(client, name, email, "77.25", "Zed");
		}
		for (ReceivedSpan client : redis) {
			assertNoValue(client, name, email, "77.25", "Zed", shop.keyPrefix());
		}
	}

	@Test
	void slowStatementIsFlaggedOnTheWireAndLoggedOnce(CapturedOutput output) throws Exception {
		CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> http.get("/shop/slow?seconds=0.7").statusCode());
		Set<String> activeQueries = shop.activeQueriesWhile(slow);
		assertThat(slow.get()).isEqualTo(200);
		assertThat(http.get("/shop/fast").statusCode()).isEqualTo(200);

		ReceivedSpan sleep = receiver.awaitSpan((s) -> "SELECT pg_sleep(?)".equals(s.attribute("db.query.text")));
		assertThat(sleep.attribute("tracing.db.slow")).isEqualTo("true");
		ReceivedSpan fast = receiver.awaitSpan((s) -> "SELECT ?".equals(s.attribute("db.query.text"))
				&& "/shop/fast".equals(parentPath(s)));
		assertThat(fast.attribute("tracing.db.slow")).isNull();
		assertThat(output).contains("Slow SQL statement").contains("SELECT pg_sleep(?)")
			.contains("[trace_id=" + sleep.traceId() + "]");
		assertThat(output.toString().lines().filter((line) -> line.contains("Slow SQL statement"))).hasSize(1);
		// Without tracing.jdbc.sql-commenter the database sees the statement as written.
		assertThat(activeQueries).anySatisfy((query) -> assertThat(query).contains("pg_sleep"))
			.allSatisfy((query) -> assertThat(query).doesNotContain("traceparent"));
	}

	@Test
	void lazyLoadingLoopGetsOneEventPerRequestAndOneWarningPerRoute(CapturedOutput output) {
		assertThat(http.get("/shop/orders/lazy").statusCode()).isEqualTo(200);
		assertThat(http.get("/shop/orders/lazy").statusCode()).isEqualTo(200);
		List<ReceivedSpan> requests = receiver.awaitSpans((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/shop/orders/lazy".equals(s.attribute("url.path")), 2);
		for (ReceivedSpan request : requests) {
			List<Span.Event> events = request.span().getEventsList();
			assertThat(events).hasSize(1);
			Span.Event event = events.get(0);
			assertThat(event.getName()).isEqualTo("tracing.db.n_plus_one");
			String statement = eventAttribute(event, "db.query.text").getStringValue();
			long count = eventAttribute(event, "tracing.db.count").getIntValue();
			assertThat(statement).startsWith("select").contains("from shop_customer").endsWith("where c1_0.id=?");
			long customerQueries = inTrace(request.traceId()).stream()
				.filter((s) -> statement.equals(s.attribute("db.query.text")))
				.count();
			assertThat(count).isGreaterThanOrEqualTo(ShopApplication.CUSTOMERS).isEqualTo(customerQueries);
		}
		List<String> warnings = output.toString().lines().filter((line) -> line.contains("Possible N+1 query")).toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("GET /shop/orders/lazy").contains("from shop_customer")
			.contains("threshold 10");
	}

	@Test
	void joinFetchVersionDoesNotTrigger(CapturedOutput output) {
		assertThat(http.get("/shop/orders/eager").statusCode()).isEqualTo(200);
		ReceivedSpan request = receiver.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER
				&& "/shop/orders/eager".equals(s.attribute("url.path")));
		assertThat(request.span().getEventsList()).isEmpty();
		assertThat(clients(inTrace(request.traceId()), "postgresql")).singleElement()
			.satisfies((s) -> assertThat(s.attribute("db.query.text")).contains("join shop_customer"));
		assertThat(output).doesNotContain("Possible N+1 query");
	}

	private static String parentPath(ReceivedSpan span) {
		return inTrace(span.traceId()).stream()
			.filter((s) -> s.spanId().equals(span.parentSpanId()))
			.map((s) -> s.attribute("url.path"))
			.findFirst()
			.orElse(null);
	}

	private static List<ReceivedSpan> inTrace(String traceId) {
		return shop.trace(traceId);
	}

	private static List<ReceivedSpan> clients(List<ReceivedSpan> spans, String dbSystem) {
		return Shop.clients(spans, dbSystem);
	}

	private static io.opentelemetry.proto.common.v1.AnyValue eventAttribute(Span.Event event, String key) {
		return event.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.map(KeyValue::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("event has no " + key + ": " + event));
	}

	private static void assertNoValue(ReceivedSpan span, String... values) {
		String rendered = span.name() + " " + span.span().getAttributesList();
		for (String value : values) {
			assertThat(rendered).as(span + " must not carry " + value).doesNotContain(value);
		}
	}

}
