package dev.tracing.boot.engine;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
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
		return new EngineSettings(new Binder(new MapConfigurationPropertySource(properties)), new MockEnvironment())
			.toOtelProperties();
	}

}
