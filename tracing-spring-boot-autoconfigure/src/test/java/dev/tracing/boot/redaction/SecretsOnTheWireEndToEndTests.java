package dev.tracing.boot.redaction;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import dev.tracing.boot.testsupport.TracedApplication;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets that are secrets by name, planted where a real application carries them, then
 * searched for in every byte the collector received: the command line of the process (JVM
 * options and application arguments, which the engine's resource puts in
 * {@code process.command_args}) and sensitive fields of captured JSON and form bodies, query
 * parameters and captured headers. None of them may arrive, in any spelling; what is not a
 * secret arrives as written.
 */
class SecretsOnTheWireEndToEndTests {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<String> COMMAND_LINE_SECRETS = List.of("jvm-api-key-4711", "pg-password-0815",
			"app-token-1234", "gateway-pass-5678", "bare-password-9012");

	@Test
	void commandLineSecretsNeverLeaveTheProcess() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			ReceivedSpan span = runChildApplication(receiver, List.of());
			assertThat(span.resourceAttribute("process.command_args")).isNull();
			assertThat(span.resourceAttribute("process.command_line")).isNull();
			assertThat(span.resourceAttribute("process.pid")).as("the process resource still arrives").isNotNull();
			assertThat(WireSearch.leaks(receiver.rawPayloads(), COMMAND_LINE_SECRETS)).isEmpty();
		}
	}

	@Test
	void aMaskedCommandLineKeepsItsShapeWithoutTheSecrets() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			ReceivedSpan span = runChildApplication(receiver, List.of("--tracing.redaction.command-line=mask"));
			// The engine's process resource describes the command line in one of two attributes.
			String arguments = span.resourceAttribute("process.command_args");
			String commandLine = (arguments != null) ? arguments : span.resourceAttribute("process.command_line");
			assertThat(commandLine).contains("-Dapp.api-key=[REDACTED]", "--spring.datasource.password=[REDACTED]",
					"--my.token=[REDACTED]", "https://ops:[REDACTED]@gateway.example/charge",
					"--tracing.redaction.command-line=mask", TracedApplication.class.getName());
			assertThat(commandLine.replace(",", "")).contains("--password [REDACTED]");
			assertThat(WireSearch.leaks(receiver.rawPayloads(), COMMAND_LINE_SECRETS)).isEmpty();
		}
	}

	@Test
	void sensitiveFieldsOfBodiesQueriesAndHeadersNeverLeaveTheProcess() throws Exception {
		List<String> planted = List.of("json-password-1", "json-secret-2", "json-api-key-3", "json-cvv-4",
				"deep-token-5", "response-token-6", "form-token-7", "form-password-8", "query-token-9",
				"header-token-10", "array-secret-11");
		try (OtlpReceiver receiver = OtlpReceiver.start();
				ConfigurableApplicationContext app = TracedApplication.run(Map.of(
						"tracing.exporter.endpoint", receiver.httpEndpoint(),
						"tracing.web.capture-request-body", "true",
						"tracing.web.capture-response-body", "true",
						"tracing.web.capture-request-headers", "x-auth-token,x-request-id"), SecretsController.class)) {
			String json = """
					{"order_id": "ORD-77", "total": 1.00, "password": "json-password-1",
					 "customer": {"name": "Alice", "secret": "json-secret-2",
					   "payment": {"api_key": "json-api-key-3", "verification": {"CVV": "json-cvv-4"},
					     "deeper": {"levels": [{"refreshToken": "deep-token-5"}]}}},
					 "items": [{"sku": "B-1", "client_secret": "array-secret-11"}]}""";
			HttpResponse<String> jsonResponse = post(app, "/secrets/json?page=2&apiToken=query-token-9",
					MediaType.APPLICATION_JSON_VALUE, json, "X-Auth-Token", "header-token-10", "X-Request-Id", "req-42");
			assertThat(jsonResponse.statusCode()).isEqualTo(200);
			assertThat(jsonResponse.body()).as("the client gets the real response").contains("response-token-6");
			HttpResponse<String> formResponse = post(app, "/secrets/form", MediaType.APPLICATION_FORM_URLENCODED_VALUE,
					"item=book&apiToken=form-token-7&userPassword=form-password-8&qty=2");
			assertThat(formResponse.statusCode()).isEqualTo(200);

			ReceivedSpan jsonSpan = serverSpan(receiver, "/secrets/json");
			String requestBody = jsonSpan.attribute("tracing.http.request.body");
			assertThat(requestBody).contains("\"order_id\": \"ORD-77\"", "\"total\": 1.00", "\"name\": \"Alice\"",
					"\"sku\": \"B-1\"", "\"password\": \"[REDACTED]\"", "\"CVV\": \"[REDACTED]\"");
			assertThat(jsonSpan.attribute("tracing.http.response.body")).contains("\"access_token\":\"[REDACTED]\"",
					"\"status\":\"accepted\"");
			assertThat(jsonSpan.attribute("url.query")).isEqualTo("page=2&apiToken=REDACTED");
			assertThat(jsonSpan.attribute("http.request.header.x-auth-token")).isEqualTo("[[REDACTED]]");
			assertThat(jsonSpan.attribute("http.request.header.x-request-id")).isEqualTo("[req-42]");
			ReceivedSpan formSpan = serverSpan(receiver, "/secrets/form");
			assertThat(formSpan.attribute("tracing.http.request.body"))
				.isEqualTo("item=book&apiToken=REDACTED&userPassword=REDACTED&qty=2");

			new HttpCalls(app).flushSpans();
			assertThat(WireSearch.leaks(receiver.rawPayloads(), planted)).isEmpty();
		}
	}

	/**
	 * Starts {@link TracedApplication} in a JVM of its own, with secrets among its JVM options
	 * and arguments, makes one request and returns its server span as received.
	 */
	private static ReceivedSpan runChildApplication(OtlpReceiver receiver, List<String> extraArguments)
			throws Exception {
		int port = freePort();
		Path log = Files.createTempFile("secrets-child", ".log");
		List<String> command = new ArrayList<>();
		command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
		command.add("-Xmx256m");
		command.add("-Dapp.api-key=jvm-api-key-4711");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(TracedApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--spring.main.banner-mode=off");
		command.add("--spring.datasource.url=jdbc:h2:mem:secrets;DB_CLOSE_DELAY=-1");
		command.add("--spring.datasource.password=pg-password-0815");
		command.add("--my.token=app-token-1234");
		command.add("--app.gateway=https://ops:gateway-pass-5678@gateway.example/charge");
		command.add("--password");
		command.add("bare-password-9012");
		command.add("--tracing.exporter.endpoint=" + receiver.httpEndpoint());
		command.add("--tracing.batch.schedule-delay=100ms");
		command.addAll(extraArguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("OTEL_") || name.startsWith("TRACING_"));
		Process process = builder.start();
		try {
			awaitOk(process, "http://127.0.0.1:" + port + "/api/orders/7", log);
			return receiver.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER
					&& "/api/orders/7".equals(span.attribute("url.path")));
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			Files.deleteIfExists(log);
		}
	}

	private static void awaitOk(Process process, String url, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the application stopped: " + Files.readString(log, StandardCharsets.UTF_8));
			}
			try {
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the application did not answer: " + Files.readString(log, StandardCharsets.UTF_8));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static HttpResponse<String> post(ConfigurableApplicationContext app, String path, String contentType,
			String body, String... headers) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static ReceivedSpan serverSpan(OtlpReceiver receiver, String path) {
		return receiver
			.awaitSpan((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER && path.equals(span.attribute("url.path")));
	}

	@RestController
	static class SecretsController {

		@PostMapping(path = "/secrets/json", produces = MediaType.APPLICATION_JSON_VALUE)
		String json(@RequestBody String body) {
			return "{\"status\":\"accepted\",\"received\":" + body.length() + ",\"access_token\":\"response-token-6\"}";
		}

		@PostMapping(path = "/secrets/form", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
		String form(@RequestParam MultiValueMap<String, String> form) {
			return "ok " + form.size();
		}

	}

}
