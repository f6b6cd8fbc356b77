package dev.tracing.boot.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.tracing.boot.jdbc.shop.Shop;
import dev.tracing.boot.jdbc.shop.StartedShop;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.PostgresSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC opt-ins on the real PostgreSQL: {@code tracing.jdbc.sql-commenter} makes the
 * statements arrive at the database with the trace's {@code traceparent}, seen in
 * {@code pg_stat_activity}; {@code tracing.jdbc.capture-parameters} records bound values,
 * masked where they hold personal data, while the statement text stays free of literals.
 */
@ExtendWith(StartedShop.OptIns.class)
class JdbcOptInsEndToEndTests {

	private static Shop shop;

	@BeforeAll
	static void useShop(Shop optIns) {
		shop = optIns;
	}

	@Test
	void statementsReachPostgresWithTheTraceparentOfTheirTrace() throws Exception {
		CompletableFuture<Integer> request = CompletableFuture
			.supplyAsync(() -> shop.http().get("/shop/slow?seconds=0.8&prepared=true").statusCode());
		Set<String> seenByPostgres = shop.activeQueriesWhile(request);
		assertThat(request.get()).isEqualTo(200);

		ReceivedSpan server = shop.awaitRequest("/shop/slow", "prepared=true");
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 3);
		List<ReceivedSpan> statements = Shop.clients(shop.trace(server.traceId()), "postgresql");
		assertThat(statements).extracting((s) -> s.attribute("db.query.text"))
			.containsExactly("SELECT pg_sleep(?)", "SELECT count(*) FROM pg_sleep(?)");
		String flags = String.format("%02x", server.span().getFlags() & 0xff);
		String comment = "/*traceparent='00-" + server.traceId() + "-" + server.spanId() + "-" + flags + "'*/";
		// The comment names the span that issued the statement: the commenter writes it when the
		// statement is prepared, before the statement's own span exists.
		assertThat(statements).allSatisfy((s) -> assertThat(s.parentSpanId()).isEqualTo(server.spanId()));
		assertThat(seenByPostgres).contains("SELECT pg_sleep(0.8) " + comment,
				"SELECT count(*) FROM pg_sleep($1) " + comment);
	}

	@Test
	void parametersAreCapturedWhileTheTextStaysSanitized() {
		String name = "Quinn Literal " + Shop.marker();
		String email = "quinn." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
		String ref = Shop.marker();
		assertThat(shop.http()
			.get("/shop/checkout?name=" + name.replace(" ", "%20") + "&email=" + email + "&amount=12.00&ref=" + ref)
			.statusCode()).isEqualTo(200);
		ReceivedSpan server = shop.awaitRequest("/shop/checkout", ref);
		shop.receiver().awaitSpans((s) -> s.traceId().equals(server.traceId()), 5);
		List<ReceivedSpan> statements = Shop.clients(shop.trace(server.traceId()), "postgresql");

		ReceivedSpan insert = statements.stream()
			.filter((s) -> s.name().equals("insert shop_customer"))
			.findFirst()
			.orElseThrow();
		// Captured values still pass through the masking of exported spans: the e-mail is masked.
		assertThat(List.of(insert.attribute("db.query.parameter.0"), insert.attribute("db.query.parameter.1")))
			.containsExactlyInAnyOrder("***@***.**", name);
		ReceivedSpan spliced = statements.stream()
			.filter((s) -> s.name().equals("SELECT shop_customer"))
			.findFirst()
			.orElseThrow();
		// The engine turns its own sanitizing off when it captures parameters; the text is still clean.
		assertThat(spliced.attribute("db.query.text"))
			.isEqualTo("SELECT count(*) FROM shop_customer WHERE name = ? AND id > ?");
		assertThat(spliced.attribute("db.query.parameter.0")).isEqualTo("0");
		assertThat(statements).allSatisfy((s) -> {
			assertThat(s.attribute("db.query.text")).doesNotContain(name);
			assertThat(s.span().getAttributesList().toString()).doesNotContain(email);
		});
	}

}
