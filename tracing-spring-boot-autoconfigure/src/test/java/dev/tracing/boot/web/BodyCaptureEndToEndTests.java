package dev.tracing.boot.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static dev.tracing.boot.web.WebTestApplications.everythingExported;
import static dev.tracing.boot.web.WebTestApplications.post;
import static dev.tracing.boot.web.WebTestApplications.serverSpan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Body capture without JSONPath redaction: text and JSON recorded as read and written,
 * truncated at max-body-size with a marker, sensitive form fields redacted, asynchronous
 * responses captured before the span ends.
 */
class BodyCaptureEndToEndTests {

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = WebTestApplications.run(receiver, Map.of(
				"tracing.web.capture-request-body", "true",
				"tracing.web.capture-response-body", "true",
				"tracing.web.max-body-size", "64B"), CaptureApplication.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		receiver.close();
	}

	@Test
	void smallJsonBodiesAreRecordedAsIs() {
		HttpResponse<byte[]> response = post(app, "/api/notes", "application/json",
				"{\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"saved\":\"hello\"}");
		ReceivedSpan span = serverSpan(receiver, "/api/notes");
		assertThat(span.attribute("tracing.http.request.body")).isEqualTo("{\"text\":\"hello\"}");
		assertThat(span.attribute("tracing.http.response.body")).isEqualTo("{\"saved\":\"hello\"}");
		assertThat(span.attribute("tracing.http.request.body.truncated")).isNull();
	}

	@Test
	void longBodyIsTruncatedAtMaxBodySizeWithAMarkerOnACharacterBoundary() {
		// 60 ASCII bytes, then two-byte characters: the 64-byte limit falls inside one.
		String text = "a".repeat(61) + "ééééé";
		HttpResponse<byte[]> response = post(app, "/api/echo", "text/plain;charset=UTF-8",
				text.getBytes(StandardCharsets.UTF_8));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(text);
		ReceivedSpan span = serverSpan(receiver, "/api/echo");
		String expected = "a".repeat(61) + "é" + BodyCapture.TRUNCATED_MARKER;
		assertThat(span.attribute("tracing.http.request.body")).isEqualTo(expected);
		assertThat(span.attribute("tracing.http.request.body.truncated")).isEqualTo("true");
		assertThat(span.attribute("tracing.http.response.body")).isEqualTo(expected);
		assertThat(span.attribute("tracing.http.response.body.truncated")).isEqualTo("true");
	}

	@Test
	void sensitiveFormFieldsAreRedacted() {
		HttpResponse<byte[]> response = post(app, "/api/login?next=home", "application/x-www-form-urlencoded",
				"username=bob&password=form-secret-1".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("welcome bob");
		ReceivedSpan span = serverSpan(receiver, "/api/login");
		assertThat(span.attribute("tracing.http.request.body")).isEqualTo("username=bob&password=REDACTED");
		new HttpCalls(app).flushSpans();
		assertThat(everythingExported(receiver)).doesNotContain("form-secret-1");
	}

	@Test
	void asynchronousResponseIsRecordedOnTheServerSpan() {
		HttpResponse<byte[]> response = WebTestApplications.send(app, "GET", "/api/async", null,
				java.net.http.HttpRequest.BodyPublishers.noBody());
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"done\"}");
		ReceivedSpan span = serverSpan(receiver, "/api/async");
		assertThat(span.name()).isEqualTo("GET /api/async");
		assertThat(span.attribute("tracing.http.response.body")).isEqualTo("{\"status\":\"done\"}");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(NotesController.class)
	static class CaptureApplication {

	}

	@RestController
	static class NotesController {

		@PostMapping("/api/notes")
		Map<String, String> save(@RequestBody Map<String, String> note) {
			return Map.of("saved", note.get("text"));
		}

		@PostMapping(path = "/api/echo", produces = "text/plain;charset=UTF-8")
		String echo(@RequestBody String text) {
			return text;
		}

		@PostMapping("/api/login")
		String login(@RequestParam MultiValueMap<String, String> form) {
			return "welcome " + form.getFirst("username");
		}

		@GetMapping("/api/async")
		CompletableFuture<Map<String, String>> async() {
			return CompletableFuture.supplyAsync(() -> Map.of("status", "done"));
		}

	}

}
