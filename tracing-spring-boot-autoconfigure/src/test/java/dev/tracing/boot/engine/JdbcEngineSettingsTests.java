package dev.tracing.boot.engine;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code tracing.jdbc.*} settings that the engine implements, mapped onto its keys. */
class JdbcEngineSettingsTests {

	@Test
	void parameterCaptureAndCommenterAreOffByDefault() {
		assertThat(settings(Map.of()))
			.containsEntry("otel.instrumentation.jdbc.experimental.capture-query-parameters", "false")
			.containsEntry("otel.instrumentation.jdbc.experimental.sqlcommenter.enabled", "false");
	}

	@Test
	void optInsReachTheEngine() {
		assertThat(settings(Map.of("tracing.jdbc.capture-parameters", "true", "tracing.jdbc.sql-commenter", "true")))
			.containsEntry("otel.instrumentation.jdbc.experimental.capture-query-parameters", "true")
			.containsEntry("otel.instrumentation.jdbc.experimental.sqlcommenter.enabled", "true");
	}

	private static Map<String, Object> settings(Map<String, String> properties) {
		MockEnvironment environment = new MockEnvironment();
		properties.forEach(environment::setProperty);
		return EngineSettingsFixture.defaults(environment);
	}

}
