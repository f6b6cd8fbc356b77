package dev.tracing.boot.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that is huge, deep or malformed never breaks the request it arrives with, nor the
 * exporter: each request gets the answer it gets without tracing, and a normal request sent
 * after it still has its span exported. One application for all cases, with body capture
 * and redaction on, the oversized header captured, and span limits set (64 KB per value,
 * the SDK's default 128 attributes and events per span).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputEndToEndTests {

	private static final int VALUE_LIMIT = 64 * 1024;

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final AtomicLong markers = new AtomicLong(700_000);

	private OtlpReceiver receiver;

	private ConfigurableApplicationContext app;

	private HttpCalls http;

	private int port;

	@BeforeAll
	void start() {
		this.receiver = OtlpReceiver.start();
		this.app = TracedApplication.run(Map.ofEntries(Map.entry("tracing.exporter.endpoint", this.receiver.httpEndpoint()),
				Map.entry("server.max-http-request-header-size", "256KB"),
				Map.entry("server.tomcat.max-parameter-count", "20000"),
				Map.entry("tracing.web.capture-request-headers", "x-big"),
				Map.entry("tracing.web.capture-request-body", "true"),
				Map.entry("tracing.web.redact-request-body", "$.password"),
				Map.entry("tracing.web.max-body-size", "128KB"),
				Map.entry("otel.span.attribute.value.length.limit", Integer.toString(VALUE_LIMIT))),
				BadInputEndpoints.class);
		this.http = new HttpCalls(this.app);
		this.port = ((WebServerApplicationContext) this.app).getWebServer().getPort();
	}

	@AfterAll
	void stop() {
		this.app.close();
		this.receiver.close();
	}

	@Test
	void headerOf64KilobytesIsCapturedAndExported() throws Exception {
		String big = "h".repeat(64 * 1024);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/header")).header("X-Big", big));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("65536");
		ReceivedSpan span = serverSpan("/bad-input/header");
		assertThat(span.attribute("http.request.header.x-big")).contains(big);
		assertExportStillWorks();
	}

	@Test
	void tenThousandQueryParameters() throws Exception {
		StringBuilder query = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			query.append((i > 0) ? "&" : "").append("p").append(i).append("=").append(i);
		}
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/query?" + query)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("10000");
		serverSpan("/bad-input/query");
		assertExportStillWorks();
	}

	@Test
	void invalidUtf8InThePath() throws Exception {
		// Tomcat refuses a path that is not valid UTF-8 before any application code runs;
		// that answer must stay what it is, and nothing may break behind it.
		assertThat(rawStatusLine("/bad-input/text/%C3%28".getBytes(StandardCharsets.US_ASCII))).contains(" 400");
		byte[] raw = { '/', 'b', 'a', 'd', '-', 'i', 'n', 'p', 'u', 't', '/', 't', 'e', 'x', 't', '/', (byte) 0xC3,
				(byte) 0x28, (byte) 0xFF };
		assertThat(rawStatusLine(raw)).contains(" 400");
		assertExportStillWorks();
		// In the query, where Tomcat decodes leniently, the request reaches the application.
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/text/query?q=%C3%28%FF&token=%FE")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(serverSpan("/bad-input/text/query").attribute("url.query")).isNotNull();
		assertExportStillWorks();
	}

	@Test
	void jsonNestedTenThousandDeepUnderBodyCaptureAndRedaction() throws Exception {
		StringBuilder json = new StringBuilder("{\"password\":\"hunter2-secret\",\"a\":");
		json.append("{\"a\":".repeat(9_999)).append('1').append("}".repeat(10_000));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/json"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.toString())));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(Integer.toString(json.length()));
		ReceivedSpan span = serverSpan("/bad-input/json");
		for (KeyValue attribute : span.span().getAttributesList()) {
			assertThat(attribute.getValue().toString()).doesNotContain("hunter2-secret");
		}
		// Too deep to redact safely, so not recorded at all, and said so.
		assertThat(span.attribute("tracing.http.request.body")).isNull();
		assertThat(span.attribute("tracing.http.request.body.omitted")).isEqualTo("too-deep");
		assertExportStillWorks();
	}

	@Test
	void sqlStatementOfOneMegabyte() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/sql")));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("1");
		ReceivedSpan server = serverSpan("/bad-input/sql");
		ReceivedSpan statement = this.receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_CLIENT
				&& span.parentSpanId().equals(server.spanId()));
		String text = (statement.attribute("db.statement") != null) ? statement.attribute("db.statement")
				: statement.attribute("db.query.text");
		assertThat(text).startsWith("SELECT").hasSizeLessThanOrEqualTo(VALUE_LIMIT);
		assertExportStillWorks();
	}

	@Test
	void attributesBeyondTheSpanLimits() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/bad-input/attributes")));
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan("/bad-input/attributes");
		assertThat(span.span().getAttributesCount()).isLessThanOrEqualTo(128);
		assertThat(span.span().getDroppedAttributesCount()).isPositive();
		assertThat(span.span().getEventsCount()).isLessThanOrEqualTo(128);
		assertThat(span.span().getDroppedEventsCount()).isPositive();
		for (KeyValue attribute : span.span().getAttributesList()) {
			assertThat(attribute.getValue().getStringValue()).hasSizeLessThanOrEqualTo(VALUE_LIMIT);
		}
		assertExportStillWorks();
	}

	private ReceivedSpan serverSpan(String path) {
		return this.receiver
			.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(span.attribute("url.path")));
	}

	/** A normal request after the bad one: its server span still reaches the collector. */
	private void assertExportStillWorks() {
		String path = "/api/orders/" + markers.incrementAndGet();
		assertThat(this.http.get(path).statusCode()).isEqualTo(200);
		serverSpan(path);
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Sends a request line with these exact bytes as its target; returns the status line. */
	private String rawStatusLine(byte[] target) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write("GET ".getBytes(StandardCharsets.US_ASCII));
			request.write(target);
			request.write(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.write(request.toByteArray());
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			return answer.lines().findFirst().orElse("");
		}
	}

	@RestController
	static class BadInputEndpoints {

		private final JdbcTemplate jdbc;

		BadInputEndpoints(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@GetMapping("/bad-input/header")
		String header(@RequestHeader("X-Big") String big) {
			return Integer.toString(big.length());
		}

		@GetMapping("/bad-input/query")
		String query(HttpServletRequest request) {
			return Integer.toString(request.getParameterMap().size());
		}

		@GetMapping("/bad-input/text/{text}")
		String text(@PathVariable String text) {
			return Integer.toString(text.length());
		}

		@PostMapping("/bad-input/json")
		String json(@RequestBody String body) {
			return Integer.toString(body.length());
		}

		/** One statement of about 1 MB: a long IN list, which H2 parses without recursion. */
		@GetMapping("/bad-input/sql")
		String sql() {
			StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM (VALUES (1)) AS T(X) WHERE X IN (1");
			for (int i = 2; sql.length() < 1024 * 1024; i++) {
				sql.append(", ").append(i);
			}
			sql.append(')');
			return String.valueOf(this.jdbc.queryForObject(sql.toString(), Integer.class));
		}

		/** Far more attributes and events than the span may keep, with values far above the length limit. */
		@GetMapping("/bad-input/attributes")
		String attributes() {
			Span span = Span.current();
			String huge = "v".repeat(1024 * 1024);
			for (int i = 0; i < 1_000; i++) {
				span.setAttribute(AttributeKey.stringKey("bad.input." + i), (i < 4) ? huge : "value " + i);
				span.addEvent("event " + i);
			}
			return "ok";
		}

	}

}
