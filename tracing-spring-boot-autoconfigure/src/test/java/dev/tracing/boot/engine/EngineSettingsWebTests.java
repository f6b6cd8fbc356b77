package dev.tracing.boot.engine;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

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
	void mapsResponseAndClientHeadersAndSensitiveQueryParameters() {
		Map<String, Object> otel = settings(new MockEnvironment()
			.withProperty("tracing.web.capture-response-headers", "X-Order-Note")
			.withProperty("tracing.web.client.capture-request-headers", "X-Api-Key")
			.withProperty("tracing.web.client.capture-response-headers", "Set-Cookie")
			.withProperty("tracing.web.redact-query-parameters", "token,sig"));
		assertThat(otel).containsEntry("otel.instrumentation.http.server.capture-response-headers", "x-order-note")
			.containsEntry("otel.instrumentation.http.client.capture-request-headers", "x-api-key")
			.containsEntry("otel.instrumentation.http.client.capture-response-headers", "set-cookie")
			.containsEntry("otel.instrumentation.sanitization.url.experimental.sensitive-query-parameters", "token,sig");
	}

	@Test
	void capturesNoHeadersByDefaultAndRedactsCommonSecretsInUrls() {
		Map<String, Object> otel = settings(new MockEnvironment());
		assertThat(otel).doesNotContainKeys("otel.instrumentation.http.server.capture-request-headers",
				"otel.instrumentation.http.server.capture-response-headers",
				"otel.instrumentation.http.client.capture-request-headers",
				"otel.instrumentation.http.client.capture-response-headers");
		assertThat((String) otel.get("otel.instrumentation.sanitization.url.experimental.sensitive-query-parameters"))
			.contains("token", "password", "api_key", "X-Amz-Signature", "sig");
	}

	private static Map<String, Object> settings(MockEnvironment environment) {
		return new EngineSettings(Binder.get(environment), environment).toOtelProperties();
	}

}
