package dev.tracing.boot.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import com.jayway.jsonpath.JsonPath;
import dev.tracing.boot.testsupport.HttpCalls;
import dev.tracing.boot.testsupport.OtlpReceiver;
import dev.tracing.boot.testsupport.OtlpReceiver.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static dev.tracing.boot.web.WebTestApplications.everythingExported;
import static dev.tracing.boot.web.WebTestApplications.post;
import static dev.tracing.boot.web.WebTestApplications.send;
import static dev.tracing.boot.web.WebTestApplications.serverSpan;
import static dev.tracing.boot.web.WebTestApplications.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * APItoolkit's JSONPath body redaction on the wire: every expression form, values kept
 * exactly as sent (numbers, whitespace, escapes), a body that redaction makes longer than the
 * limit, malformed, too deep and ambiguous JSON, a 10 MB upload, a binary body and a streamed
 * response, with bodies passing through unchanged and nothing unredacted exported.
 */
class BodyRedactionEndToEndTests {

	private static final String USER = """
			{
			  "user": {
			    "name": "John Martha",
			    "email": "john.martha@example.com",
			    "addresses": [
			      { "street": "123 Main St", "city": "Anytown", "state": "CA", "zip": "12345" },
			      { "street": "9 High St", "city": "Othertown", "state": "NY", "zip": "67890" }
			    ],
			    "credit_card": { "number": "4111111111111111", "expiration": "12/28", "cvv": "123" }
			  },
			  "users": [
			    { "name": "a", "credit_card": "5500000000000004" },
			    { "name": "b", "credit_card": "340000000000009" }
			  ],
			  "password": "hunter2-secret"
			}
			""";

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = WebTestApplications.run(receiver, Map.of(
				"tracing.web.capture-request-body", "true",
				"tracing.web.capture-response-body", "true",
				"tracing.web.redact-request-body", "$.user.email,$.users[*].credit_card,$.user.addresses,"
						+ "$.user.credit_card,$.password",
				"tracing.web.redact-response-body", "$.session.token,$.user.email"), BodyApplication.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void jsonBodiesAreRecordedWithEveryJsonPathFormRedacted() {
		HttpResponse<byte[]> response = post(app, "/api/users", "application/json",
				USER.getBytes(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/users");
		String request = span.attribute("tracing.http.request.body");
		assertThat(request).isNotNull();
		// A nested field, a field in every array element, whole objects and arrays.
		assertThat((String) JsonPath.read(request, "$.user.email")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((Object) JsonPath.read(request, "$.users[*].credit_card"))
			.asString()
			.isEqualTo("[\"[CLIENT_REDACTED]\",\"[CLIENT_REDACTED]\"]");
		assertThat((String) JsonPath.read(request, "$.user.addresses")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((String) JsonPath.read(request, "$.user.credit_card")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((String) JsonPath.read(request, "$.password")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((String) JsonPath.read(request, "$.user.name")).isEqualTo("John Martha");
		assertThat((Object) JsonPath.read(request, "$.users[*].name")).asString().isEqualTo("[\"a\",\"b\"]");
		String responseBody = span.attribute("tracing.http.response.body");
		assertThat((String) JsonPath.read(responseBody, "$.session.token")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((String) JsonPath.read(responseBody, "$.user.email")).isEqualTo("[CLIENT_REDACTED]");
		assertThat((String) JsonPath.read(responseBody, "$.user.name")).isEqualTo("John Martha");
		// The client got the real response, unredacted.
		String received = new String(response.body(), StandardCharsets.UTF_8);
		assertThat((String) JsonPath.read(received, "$.session.token")).isEqualTo("session-token-secret");
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("john.martha@example.com", "123 Main St",
				"4111111111111111", "5500000000000004", "hunter2-secret", "session-token-secret");
	}

	@Test
	void malformedJsonReachesTheControllerUnchangedAndIsNotRecorded() {
		byte[] malformed = "{\"password\": \"malformed-secret\", \"user\": {".getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> response = post(app, "/api/raw", "application/json", malformed);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(sha256(malformed));
		ReceivedSpan span = serverSpan(receiver, "/api/raw");
		assertThat(span.attribute("tracing.http.request.body")).isNull();
		assertThat(span.attribute("tracing.http.request.body.omitted")).isEqualTo("invalid-json");
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("malformed-secret");
	}

	@Test
	void numbersWhitespaceAndEscapesArriveAsSentWithOnlyTheRedactedValuesReplaced() {
		String sent = """
				{
				  "password": "hunter2-exact",
				  "amount": 1.00, "rate": 0.10, "ratio": 1E+2, "tiny": -0.0e-7,
				  "total": 12345678901234567.890100,
				  "id": 9007199254740993,
				  "note": "caf\\u00e9 \\/ \\ud83d\\ude00\\t",
				  "user": { "name": "N",  "email": "exact@example.com" }
				}
				""";
		HttpResponse<byte[]> response = post(app, "/api/raw/exact", "application/json",
				sent.getBytes(StandardCharsets.UTF_8));
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo(sha256(sent.getBytes(StandardCharsets.UTF_8)));
		ReceivedSpan span = serverSpan(receiver, "/api/raw/exact");
		assertThat(span.attribute("tracing.http.request.body"))
			.isEqualTo(sent.replace("\"hunter2-exact\"", "\"[CLIENT_REDACTED]\"")
				.replace("\"exact@example.com\"", "\"[CLIENT_REDACTED]\""));
		assertThat(span.attribute("tracing.http.request.body.truncated")).isNull();
	}

	@Test
	void aBodyThatRedactionMakesLongerThanTheLimitIsCutAndMarked() {
		StringBuilder json = new StringBuilder("{\"users\":[");
		for (int i = 0; i < 170; i++) {
			json.append((i > 0) ? "," : "").append("{\"credit_card\":\"qz").append(i).append("\"}");
		}
		byte[] sent = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
		assertThat(sent.length).isLessThan(4096);
		assertThat(post(app, "/api/raw/longer", "application/json", sent).statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/raw/longer");
		String recorded = span.attribute("tracing.http.request.body");
		assertThat(recorded).startsWith("{\"users\":[{\"credit_card\":\"[CLIENT_REDACTED]\"},")
			.endsWith("...[TRUNCATED]");
		assertThat(recorded.substring(0, recorded.length() - "...[TRUNCATED]".length())
			.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
		assertThat(span.attribute("tracing.http.request.body.truncated")).isEqualTo("true");
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("\"qz");
	}

	@Test
	void aValidBodyNestedTooDeepIsOmittedAsTooDeep() {
		byte[] deep = ("[".repeat(2_000) + "]".repeat(2_000)).getBytes(StandardCharsets.UTF_8);
		assertThat(post(app, "/api/raw/deep", "application/json", deep).statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/raw/deep");
		assertThat(span.attribute("tracing.http.request.body")).isNull();
		assertThat(span.attribute("tracing.http.request.body.omitted")).isEqualTo("too-deep");
	}

	@Test
	void aBodyThatNamesAMemberTwiceIsOmitted() {
		byte[] twice = "{\"password\":\"dup-secret-1\",\"password\":\"dup-secret-2\"}"
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(app, "/api/raw/twice", "application/json", twice).statusCode()).isEqualTo(200);
		ReceivedSpan span = serverSpan(receiver, "/api/raw/twice");
		assertThat(span.attribute("tracing.http.request.body")).isNull();
		assertThat(span.attribute("tracing.http.request.body.omitted")).isEqualTo("duplicate-key");
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("dup-secret-1", "dup-secret-2");
	}

	@Test
	void tenMegabyteUploadPassesThroughUnchangedAndIsNotRecorded() {
		byte[] upload = largeJson(10 * 1024 * 1024, "upload-secret");
		HttpResponse<byte[]> withLength = post(app, "/api/upload?mode=length", "application/json", upload);
		assertThat(withLength.statusCode()).isEqualTo(200);
		assertThat(new String(withLength.body(), StandardCharsets.UTF_8)).isEqualTo(upload.length + ":" + sha256(upload));
		// Chunked, with no Content-Length: read through the capturing stream, kept bounded.
		HttpResponse<byte[]> chunked = send(app, "POST", "/api/upload?mode=chunked", "application/json",
				HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload)));
		assertThat(chunked.statusCode()).isEqualTo(200);
		assertThat(new String(chunked.body(), StandardCharsets.UTF_8)).isEqualTo(upload.length + ":" + sha256(upload));
		for (ReceivedSpan span : receiver.awaitSpans((span) -> "/api/upload".equals(span.attribute("url.path")), 2)) {
			assertThat(span.attribute("tracing.http.request.body")).isNull();
			assertThat(span.attribute("tracing.http.request.body.omitted")).isEqualTo("exceeds-max-body-size");
		}
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("upload-secret");
	}

	@Test
	void binaryBodyPassesThroughUnchangedAndIsNotRecorded() {
		byte[] binary = new byte[256 * 1024];
		new Random(7).nextBytes(binary);
		HttpResponse<byte[]> response = post(app, "/api/files", "application/octet-stream", binary);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(binary);
		ReceivedSpan span = serverSpan(receiver, "/api/files");
		assertThat(span.attribute("tracing.http.request.body")).isNull();
		assertThat(span.attribute("tracing.http.response.body")).isNull();
		assertThat(span.attribute("tracing.http.request.body.omitted")).isNull();
	}

	@Test
	void streamedResponseArrivesWholeAndTooLargeToRedactIsNotRecorded() {
		HttpResponse<byte[]> response = send(app, "GET", "/api/export", null, HttpRequest.BodyPublishers.noBody());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(sha256(response.body())).isEqualTo(sha256(exportDocument()));
		ReceivedSpan span = serverSpan(receiver, "/api/export");
		assertThat(span.name()).isEqualTo("GET /api/export");
		assertThat(span.attribute("tracing.http.response.body")).isNull();
		assertThat(span.attribute("tracing.http.response.body.omitted")).isEqualTo("exceeds-max-body-size");
	}

	static byte[] largeJson(int size, String secret) {
		StringBuilder json = new StringBuilder(size + 64).append("{\"password\":\"").append(secret).append("\",\"data\":\"");
		while (json.length() < size - 2) {
			json.append('x');
		}
		return json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
	}

	static byte[] exportDocument() {
		StringBuilder json = new StringBuilder("{\"session\":{\"token\":\"export-secret\"},\"rows\":[");
		for (int i = 0; i < 40_000; i++) {
			json.append(i > 0 ? "," : "").append("{\"id\":").append(i).append(",\"sku\":\"SKU-").append(i).append("\"}");
		}
		return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(BodyController.class)
	static class BodyApplication {

	}

	@RestController
	static class BodyController {

		@PostMapping("/api/users")
		Map<String, Object> createUser(@RequestBody Map<String, Object> body) {
			@SuppressWarnings("unchecked")
			Map<String, Object> user = (Map<String, Object>) body.get("user");
			return Map.of("session", Map.of("token", "session-token-secret"), "user",
					Map.of("name", user.get("name"), "email", user.get("email")));
		}

		@PostMapping({ "/api/raw", "/api/raw/{name}" })
		String raw(@RequestBody byte[] body) {
			return sha256(body);
		}

		@PostMapping("/api/upload")
		String upload(InputStream body) throws IOException, NoSuchAlgorithmException {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[8192];
			long count = 0;
			for (int read = body.read(buffer); read != -1; read = body.read(buffer)) {
				digest.update(buffer, 0, read);
				count += read;
			}
			return count + ":" + HexFormat.of().formatHex(digest.digest());
		}

		@PostMapping(path = "/api/files", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
		byte[] files(@RequestBody byte[] body) {
			return body;
		}

		@GetMapping("/api/export")
		ResponseEntity<StreamingResponseBody> export() {
			byte[] document = exportDocument();
			StreamingResponseBody body = (OutputStream out) -> {
				for (int offset = 0; offset < document.length; offset += 8192) {
					out.write(document, offset, Math.min(8192, document.length - offset));
					out.flush();
				}
			};
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
		}

	}

}
