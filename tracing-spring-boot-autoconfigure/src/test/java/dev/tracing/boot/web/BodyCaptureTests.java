package dev.tracing.boot.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tracing.boot.redaction.SensitiveKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyCaptureTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	@Test
	void capturesOnlyJsonTextAndForms() {
		BodyCapture capture = BodyCapture.requests(64, List.of(), SensitiveKeys.NONE);
		assertThat(capture.captures("application/json")).isTrue();
		assertThat(capture.captures("application/problem+json; charset=UTF-8")).isTrue();
		assertThat(capture.captures("TEXT/plain")).isTrue();
		assertThat(capture.captures("application/x-www-form-urlencoded")).isTrue();
		assertThat(capture.captures("application/octet-stream")).isFalse();
		assertThat(capture.captures("multipart/form-data; boundary=x")).isFalse();
		assertThat(capture.captures("image/png")).isFalse();
		assertThat(capture.captures(null)).isFalse();
	}

	@Test
	void withRedactionPathsABodyThatCannotBeCheckedWholeIsOmitted() {
		BodyCapture capture = BodyCapture.requests(16, List.of("$.password"), SensitiveKeys.NONE);
		// Checked whole and redacted; the replacement is longer than the limit, so cut and marked.
		assertThat(record(capture, bytes(capture, "{\"password\":\"x\"}"), "application/json"))
			.containsEntry("tracing.http.request.body", "{\"password\":\"[CL" + BodyCapture.TRUNCATED_MARKER)
			.containsEntry("tracing.http.request.body.truncated", true);
		BodyCapture roomy = BodyCapture.requests(32, List.of("$.password"), SensitiveKeys.NONE);
		assertThat(record(roomy, bytes(roomy, "{\"password\":\"x\"}"), "application/json"))
			.containsEntry("tracing.http.request.body", "{\"password\":\"[CLIENT_REDACTED]\"}")
			.doesNotContainKey("tracing.http.request.body.truncated");
		assertThat(record(capture, bytes(capture, "{\"password\":\"longer-secret\"}"), "application/json"))
			.containsEntry("tracing.http.request.body.omitted", "exceeds-max-body-size")
			.doesNotContainKey("tracing.http.request.body");
		assertThat(record(capture, bytes(capture, "password=secret"), "text/plain"))
			.containsEntry("tracing.http.request.body.omitted", "invalid-json")
			.doesNotContainKey("tracing.http.request.body");
		CapturedBody chars = capture.newBody();
		chars.appendChars("{\"password\":\"éé\"}", 0, 16);
		assertThat(record(capture, chars, "application/json"))
			.containsEntry("tracing.http.request.body.omitted", "exceeds-max-body-size");
	}

	@Test
	void withoutRedactionPathsLongBodiesAreTruncatedAndFormsRedacted() {
		BodyCapture capture = BodyCapture.responses(8, List.of(), new SensitiveKeys(List.of("password")));
		assertThat(record(capture, bytes(capture, "0123456789"), "text/plain"))
			.containsEntry("tracing.http.response.body", "01234567" + BodyCapture.TRUNCATED_MARKER)
			.containsEntry("tracing.http.response.body.truncated", true);
		BodyCapture forms = BodyCapture.requests(64, List.of(), new SensitiveKeys(List.of("password")));
		assertThat(record(forms, bytes(forms, "user=a&password=b"), "application/x-www-form-urlencoded"))
			.containsEntry("tracing.http.request.body", "user=a&password=REDACTED");
	}

	@Test
	void sensitiveJsonFieldsAreMaskedWithAndWithoutRedactionPaths() {
		SensitiveKeys keys = new SensitiveKeys(List.of("*password*", "cvv"));
		BodyCapture plain = BodyCapture.requests(256, List.of(), keys);
		assertThat(record(plain, bytes(plain, "{\"user\":{\"password\":\"hunter2\"},\"total\":1.00}"), "application/json"))
			.containsEntry("tracing.http.request.body", "{\"user\":{\"password\":\"[REDACTED]\"},\"total\":1.00}");
		BodyCapture paths = BodyCapture.requests(256, List.of("$.user.email"), keys);
		assertThat(record(paths, bytes(paths, "{\"user\":{\"email\":\"a@b.c\",\"cvv\":123}}"), "application/json"))
			.extractingByKey("tracing.http.request.body")
			.asString()
			.contains("\"cvv\":\"[REDACTED]\"")
			.contains("[CLIENT_REDACTED]")
			.doesNotContain("123", "a@b.c");
	}

	@Test
	void aBodyThatGrowsByMaskingStaysWithinTheLimit() {
		BodyCapture capture = BodyCapture.requests(16, List.of(), new SensitiveKeys(List.of("pin")));
		assertThat(record(capture, bytes(capture, "{\"pin\":1,\"a\":2}"), "application/json"))
			.containsEntry("tracing.http.request.body", "{\"pin\":\"[REDACTE" + BodyCapture.TRUNCATED_MARKER)
			.containsEntry("tracing.http.request.body.truncated", true);
	}

	@Test
	void aRedactedBodyLongerThanTheLimitIsCutAndMarked() {
		BodyCapture capture = BodyCapture.requests(32, List.of("$.a"), SensitiveKeys.NONE);
		String body = "{\"a\":1,\"b\":\"0123456789abcdef\"}";
		assertThat(body).hasSizeLessThanOrEqualTo(32);
		assertThat(record(capture, bytes(capture, body), "application/json"))
			.containsEntry("tracing.http.request.body",
					"{\"a\":\"[CLIENT_REDACTED]\",\"b\":\"01" + BodyCapture.TRUNCATED_MARKER)
			.containsEntry("tracing.http.request.body.truncated", true);
	}

	@Test
	void aRedactedFormLongerThanTheLimitIsCutAndMarked() {
		BodyCapture forms = BodyCapture.requests(16, List.of(), new SensitiveKeys(List.of("password")));
		assertThat(record(forms, bytes(forms, "password=a&b=1"), "application/x-www-form-urlencoded"))
			.containsEntry("tracing.http.request.body", "password=REDACTE" + BodyCapture.TRUNCATED_MARKER)
			.containsEntry("tracing.http.request.body.truncated", true);
	}

	@Test
	void aBodyThatCannotBeRedactedSafelySaysWhy() {
		BodyCapture capture = BodyCapture.requests(64 * 1024, List.of("$.password"), SensitiveKeys.NONE);
		assertThat(record(capture, bytes(capture, "[".repeat(10_000) + "]".repeat(10_000)), "application/json"))
			.containsEntry("tracing.http.request.body.omitted", BodyCapture.OMITTED_TOO_DEEP)
			.doesNotContainKey("tracing.http.request.body");
		assertThat(record(capture, bytes(capture, "{\"password\":\"a\",\"password\":\"b\"}"), "application/json"))
			.containsEntry("tracing.http.request.body.omitted", BodyCapture.OMITTED_DUPLICATE_KEY)
			.doesNotContainKey("tracing.http.request.body");
	}

	@Test
	void theLimitIsCountedInUtf8BytesAndNeverSplitsACharacter() {
		assertThat(BodyCapture.prefixWithinBytes("abc", 3)).isEqualTo(3);
		assertThat(BodyCapture.prefixWithinBytes("abcd", 3)).isEqualTo(3);
		assertThat(BodyCapture.prefixWithinBytes("aé", 2)).isEqualTo(1);
		assertThat(BodyCapture.prefixWithinBytes("aé", 3)).isEqualTo(2);
		assertThat(BodyCapture.prefixWithinBytes("a€b", 3)).isEqualTo(1);
		assertThat(BodyCapture.prefixWithinBytes("a\uD83D\uDE00b", 4)).isEqualTo(1);
		assertThat(BodyCapture.prefixWithinBytes("a\uD83D\uDE00b", 5)).isEqualTo(3);
	}

	@Test
	void anEmptyBodyRecordsNothing() {
		BodyCapture capture = BodyCapture.requests(8, List.of("$.a"), SensitiveKeys.NONE);
		assertThat(record(capture, capture.newBody(), "application/json")).isEmpty();
	}

	private static CapturedBody bytes(BodyCapture capture, String text) {
		CapturedBody body = capture.newBody();
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		body.append(bytes, 0, bytes.length);
		return body;
	}

	private Map<String, Object> record(BodyCapture capture, CapturedBody body, String contentType) {
		this.exporter.reset();
		Span span = this.provider.get("test").spanBuilder("request").startSpan();
		capture.record(span, body, contentType, "UTF-8");
		span.end();
		Attributes attributes = this.exporter.getFinishedSpanItems().get(0).getAttributes();
		Map<String, Object> values = new LinkedHashMap<>();
		attributes.forEach((AttributeKey<?> key, Object value) -> values.put(key.getKey(), value));
		return values;
	}

}
