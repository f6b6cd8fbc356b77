package dev.tracing.boot.jdbc;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC path on H2 through JdbcTemplate: stable conventions, literals removed from plain
 * and prepared statements, and N+1 detection with a lowered threshold.
 */
class JdbcH2EndToEndTests {

	private static OtlpReceiver receiver;

	private static ConfigurableApplicationContext app;

	private static HttpCalls http;

	@BeforeAll
	static void start() {
		receiver = OtlpReceiver.start();
		app = TracedApplication.run(Map.of("tracing.exporter.endpoint", receiver.httpEndpoint(),
				"tracing.jdbc.n-plus-one-threshold", "5"));
		http = new HttpCalls(app);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void statementsCarryTheStableNamesAndNoLiterals() {
		String secret = "h2-" + UUID.randomUUID();
		assertThat(http.get("/jdbc/literal?value=" + secret).body()).contains(secret);
		assertThat(http.get("/api/orders/9").statusCode()).isEqualTo(200);

		ReceivedSpan literal = statementOf("/jdbc/literal");
		assertThat(literal.attribute("db.system.name")).isEqualTo("h2database");
		assertThat(literal.attribute("db.namespace")).isEqualTo("traced");
		assertThat(literal.attribute("db.query.text")).isEqualTo("SELECT ?");
		assertThat(literal.span().getAttributesList().toString()).doesNotContain(secret);
		// A prepared statement keeps its text under the stable conventions; the starter still
		// removes the literal 40 from SELECT 40 + ?.
		assertThat(statementOf("/api/orders/9").attribute("db.query.text")).isEqualTo("SELECT ? + ?");
	}

	@Test
	void aLoopOfQueriesAtTheConfiguredThresholdIsReported() {
		assertThat(http.get("/jdbc/repeat/6").statusCode()).isEqualTo(200);
		assertThat(http.get("/jdbc/repeat/4").statusCode()).isEqualTo(200);

		ReceivedSpan six = server("/jdbc/repeat/6");
		assertThat(six.span().getEventsList()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("tracing.db.n_plus_one");
			assertThat(event.getAttributesList().toString()).contains("SELECT ? * ?").contains("int_value: 6");
		});
		assertThat(server("/jdbc/repeat/4").span().getEventsList()).isEmpty();
	}

	private static ReceivedSpan server(String path) {
		return receiver.awaitSpan((s) -> s.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(s.attribute("url.path")));
	}

	private static ReceivedSpan statementOf(String path) {
		ReceivedSpan server = server(path);
		List<ReceivedSpan> statements = receiver.awaitSpans(
				(s) -> s.kind() == SpanKind.SPAN_KIND_CLIENT && s.parentSpanId().equals(server.spanId()), 1);
		assertThat(statements).hasSize(1);
		return statements.get(0);
	}

}
