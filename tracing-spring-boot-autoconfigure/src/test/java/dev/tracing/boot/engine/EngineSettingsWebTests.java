package dev.tracing.boot.engine;

import java.util.List;
import java.util.Map;

import dev.tracing.boot.InvalidTracingPropertyException;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How {@code tracing.web.*} reaches the engine's header capture and URL sanitization. */
class EngineSettingsWebTests {

	@Test
	void captureListIsMergedWithTheHeadersThatSamplingRulesRead() {
		Map<String, Object> otel = settings(new MockEnvironment()
			.withProperty("tracing.sampling.header-rules[0].header", "TraceState")
			.withProperty("tracing.sampling.header-rules[0].value", "checkly=true")
			.withProperty("tracing.web.capture-request-headers", "X-Request-Id,tracestate"));
		assertThat(otel).containsEntry("otel.instrumentation.http.server.capture-request-headers",
				"tracestate,x-request-id");
	}

	@Test
	void mapsResponseAndClientHeaders() {
		Map<String, Object> otel = settings(new MockEnvironment()
			.withProperty("tracing.web.capture-response-headers", "X-Order-Note")
			.withProperty("tracing.web.client.capture-request-headers", "X-Api-Key")
			.withProperty("tracing.web.client.capture-response-headers", "Set-Cookie"));
		assertThat(otel).containsEntry("otel.instrumentation.http.server.capture-response-headers", "x-order-note")
			.containsEntry("otel.instrumentation.http.client.capture-request-headers", "x-api-key")
			.containsEntry("otel.instrumentation.http.client.capture-response-headers", "set-cookie");
	}

	@Test
	void capturesNoHeadersByDefaultAndLeavesTheEnginesUrlSanitizingAsItIs() {
		// Sensitive query parameters are masked at export, by name pattern
		// (tracing.redaction.sensitive-keys); the engine keeps its own exact-name list.
		Map<String, Object> otel = settings(new MockEnvironment());
		assertThat(otel).doesNotContainKeys("otel.instrumentation.http.server.capture-request-headers",
				"otel.instrumentation.http.server.capture-response-headers",
				"otel.instrumentation.http.client.capture-request-headers",
				"otel.instrumentation.http.client.capture-response-headers",
				"otel.instrumentation.sanitization.url.experimental.sensitive-query-parameters");
	}

	@Test
	void theRedactionListsOfEarlierVersionsFailNamingTheirReplacement() {
		for (String property : List.of("tracing.web.redact-headers", "tracing.web.redact-query-parameters")) {
			assertThatExceptionOfType(InvalidTracingPropertyException.class)
				.isThrownBy(() -> settings(new MockEnvironment().withProperty(property, "x-secret")))
				.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(property))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("tracing.redaction.sensitive-keys"));
		}
	}

	private static Map<String, Object> settings(MockEnvironment environment) {
		return EngineSettingsFixture.defaults(environment);
	}

}
