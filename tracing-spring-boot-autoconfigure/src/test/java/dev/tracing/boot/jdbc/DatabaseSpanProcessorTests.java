package dev.tracing.boot.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.SpanKindExtractor;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.semconv.DbAttributes;
import io.opentelemetry.semconv.incubating.DbIncubatingAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatabaseSpanProcessor} on a real SDK with an in-memory exporter: what it adds is
 * checked on the exported spans, so anything set too late would be missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseSpanProcessorTests {

	private static final String CUSTOMER_BY_ID = "select c.id, c.name from customer c where c.id=?";

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final RepeatedStatementDetector repeated = new RepeatedStatementDetector(3);

	private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
		.setTracerProvider(SdkTracerProvider.builder()
			.addSpanProcessor(new DatabaseSpanProcessor(new StatementSanitizer(), true,
					new SlowStatementReporter(Duration.ofMillis(100)), this.repeated))
			.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
			.build())
		.build();

	private final Instrumenter<String, Void> requests = Instrumenter
		.<String, Void>builder(this.sdk, "test-server", (route) -> "GET " + route)
		.buildInstrumenter(SpanKindExtractor.alwaysServer());

	@AfterEach
	void close() {
		this.sdk.close();
	}

	@Test
	void literalsInPreparedStatementTextsAreReplaced() {
		statement(Context.root(), "SELECT * FROM orders WHERE status = 'PAID' AND id = ?", 0);
		statement(Context.root(), "SELECT * FROM \"orders\" WHERE note = 'x'", 0);

		assertThat(this.exporter.getFinishedSpanItems()).extracting((s) -> s.getAttributes().get(DbAttributes.DB_QUERY_TEXT))
			.containsExactly("SELECT * FROM orders WHERE status = ? AND id = ?", "SELECT * FROM \"orders\" WHERE note = ?");
	}

	@Test
	@SuppressWarnings("deprecation")
	void oldConventionStatementIsSanitizedToo() {
		statement(Context.root(), Attributes.of(DbIncubatingAttributes.DB_SYSTEM, "postgresql",
				DbIncubatingAttributes.DB_STATEMENT, "DELETE FROM carts WHERE owner = 'ann@example.com'"), 0);

		assertThat(only().getAttributes().get(DbIncubatingAttributes.DB_STATEMENT))
			.isEqualTo("DELETE FROM carts WHERE owner = ?");
	}

	@Test
	void slowStatementIsFlaggedAndLoggedWithItsTraceId(CapturedOutput output) {
		statement(Context.root(), "SELECT pg_sleep(1)", 150);
		statement(Context.root(), "SELECT 1", 99);

		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans.get(0).getAttributes().get(SlowStatementReporter.SLOW)).isTrue();
		assertThat(spans.get(1).getAttributes().get(SlowStatementReporter.SLOW)).isNull();
		assertThat(output).contains("Slow SQL statement: 150 ms (threshold 100 ms): SELECT pg_sleep(?) [trace_id="
				+ spans.get(0).getTraceId() + "]");
		assertThat(output).doesNotContain("SELECT ?");
	}

	@Test
	void statementRepeatedUpToTheThresholdBecomesOneEventWithTheFinalCount() {
		Context request = this.requests.start(Context.root(), "/customers");
		for (int i = 0; i < 5; i++) {
			statement(request, CUSTOMER_BY_ID, 0);
		}
		statement(request, "select * from orders", 0);
		this.requests.end(request, "/customers", null, null);

		SpanData server = server();
		assertThat(server.getEvents()).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("tracing.db.n_plus_one");
			assertThat(event.getAttributes().get(DbAttributes.DB_QUERY_TEXT)).isEqualTo(CUSTOMER_BY_ID);
			assertThat(event.getAttributes().get(RepeatedStatementDetector.COUNT)).isEqualTo(5);
		});
		assertThat(this.repeated.requestsInProgress()).isZero();
	}

	@Test
	void statementsBelowTheThresholdOrInOtherRequestsDoNotAddUp() {
		Context first = this.requests.start(Context.root(), "/a");
		Context second = this.requests.start(Context.root(), "/b");
		statement(first, CUSTOMER_BY_ID, 0);
		statement(first, CUSTOMER_BY_ID, 0);
		statement(second, CUSTOMER_BY_ID, 0);
		statement(second, CUSTOMER_BY_ID, 0);
		this.requests.end(first, "/a", null, null);
		this.requests.end(second, "/b", null, null);

		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((s) -> s.getKind() == SpanKind.SERVER)
			.hasSize(2)
			.allSatisfy((s) -> assertThat(s.getEvents()).isEmpty());
	}

	@Test
	void differentStatementsWithTheSameShapeCountAsOne() {
		Context request = this.requests.start(Context.root(), "/customers");
		statement(request, "select name from customer where id = 1", 0);
		statement(request, "select name from customer where id = 2", 0);
		statement(request, "select name from customer where id = 3", 0);
		this.requests.end(request, "/customers", null, null);

		assertThat(server().getEvents()).extracting(EventData::getAttributes)
			.extracting((attributes) -> attributes.get(DbAttributes.DB_QUERY_TEXT))
			.containsExactly("select name from customer where id = ?");
	}

	@Test
	void warnsOncePerRouteAndStatement(CapturedOutput output) {
		for (String route : List.of("/customers", "/customers", "/orders")) {
			Context request = this.requests.start(Context.root(), route);
			for (int i = 0; i < 3; i++) {
				statement(request, CUSTOMER_BY_ID, 0);
			}
			this.requests.end(request, route, null, null);
		}

		assertThat(this.exporter.getFinishedSpanItems()).filteredOn((s) -> s.getKind() == SpanKind.SERVER)
			.allSatisfy((s) -> assertThat(s.getEvents()).hasSize(1));
		assertThat(output.toString().lines().filter((line) -> line.contains("Possible N+1 query"))).hasSize(2)
			.anySatisfy((line) -> assertThat(line).contains("GET /customers ran the same statement 3 times"))
			.anySatisfy((line) -> assertThat(line).contains("GET /orders ran the same statement 3 times"));
	}

	@Test
	void aStatementThatStartsAfterItsRequestEndedLeavesNothingBehind() {
		Context request = this.requests.start(Context.root(), "/async");
		this.requests.end(request, "/async", null, null);
		statement(request, CUSTOMER_BY_ID, 0);

		assertThat(this.repeated.requestsInProgress()).isZero();
	}

	@Test
	void withTheEngineSanitizingSwitchedOffTextsStayAsWrittenButStillCountAndLogSanitized(CapturedOutput output) {
		InMemorySpanExporter exported = InMemorySpanExporter.create();
		try (OpenTelemetrySdk asWritten = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.addSpanProcessor(new DatabaseSpanProcessor(new StatementSanitizer(), false,
						new SlowStatementReporter(Duration.ofMillis(100)), new RepeatedStatementDetector(3)))
				.addSpanProcessor(SimpleSpanProcessor.create(exported))
				.build())
			.build()) {
			Instrumenter<String, Void> server = Instrumenter
				.<String, Void>builder(asWritten, "test-server", (route) -> "GET " + route)
				.buildInstrumenter(SpanKindExtractor.alwaysServer());
			Context request = server.start(Context.root(), "/customers");
			for (int id = 1; id <= 3; id++) {
				long start = System.currentTimeMillis() - 1000;
				asWritten.getTracer(DatabaseSpanProcessor.JDBC_SCOPE)
					.spanBuilder("statement")
					.setSpanKind(SpanKind.CLIENT)
					.setParent(request)
					.setAttribute(DbAttributes.DB_QUERY_TEXT, "select name from customer where id = " + id)
					.setStartTimestamp(start, TimeUnit.MILLISECONDS)
					.startSpan()
					.end(start + 200, TimeUnit.MILLISECONDS);
			}
			server.end(request, "/customers", null, null);

			assertThat(exported.getFinishedSpanItems()).filteredOn((s) -> s.getKind() == SpanKind.CLIENT)
				.extracting((s) -> s.getAttributes().get(DbAttributes.DB_QUERY_TEXT))
				.containsExactly("select name from customer where id = 1", "select name from customer where id = 2",
						"select name from customer where id = 3");
			assertThat(exported.getFinishedSpanItems()).filteredOn((s) -> s.getKind() == SpanKind.SERVER)
				.singleElement()
				.satisfies((s) -> assertThat(s.getEvents()).singleElement()
					.satisfies((event) -> assertThat(event.getAttributes().get(DbAttributes.DB_QUERY_TEXT))
						.isEqualTo("select name from customer where id = ?")));
		}
		assertThat(output).contains("Slow SQL statement: 200 ms (threshold 100 ms): select name from customer where id = ?")
			.doesNotContain("where id = 1");
	}

	@Test
	void spansOfOtherInstrumentationsAreLeftAlone() {
		this.sdk.getTracer("io.opentelemetry.lettuce")
			.spanBuilder("GET")
			.setSpanKind(SpanKind.CLIENT)
			.setAttribute(DbAttributes.DB_QUERY_TEXT, "GET 'literal'")
			.startSpan()
			.end(1, TimeUnit.SECONDS);

		assertThat(only().getAttributes().get(DbAttributes.DB_QUERY_TEXT)).isEqualTo("GET 'literal'");
		assertThat(only().getAttributes().get(SlowStatementReporter.SLOW)).isNull();
	}

	/** Runs a JDBC statement span that takes exactly {@code millis}. */
	private void statement(Context parent, String text, long millis) {
		statement(parent, Attributes.of(DbAttributes.DB_SYSTEM_NAME, "postgresql", DbAttributes.DB_QUERY_TEXT, text),
				millis);
	}

	private void statement(Context parent, Attributes attributes, long millis) {
		long start = System.currentTimeMillis() - 1000;
		Span span = this.sdk.getTracer(DatabaseSpanProcessor.JDBC_SCOPE)
			.spanBuilder("statement")
			.setSpanKind(SpanKind.CLIENT)
			.setParent(parent)
			.setAllAttributes(attributes)
			.setStartTimestamp(start, TimeUnit.MILLISECONDS)
			.startSpan();
		span.end(start + millis, TimeUnit.MILLISECONDS);
	}

	private SpanData server() {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((s) -> s.getKind() == SpanKind.SERVER)
			.findFirst()
			.orElseThrow();
	}

	private SpanData only() {
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(1);
		return this.exporter.getFinishedSpanItems().get(0);
	}

}
