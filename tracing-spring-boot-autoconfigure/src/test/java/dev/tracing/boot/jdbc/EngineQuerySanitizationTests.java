package dev.tracing.boot.jdbc;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class EngineQuerySanitizationTests {

	@Test
	void onUnlessSwitchedOff() {
		assertThat(enabled(Map.of())).isTrue();
	}

	@Test
	void followsTheJdbcSettingThenTheCommonOne() {
		assertThat(enabled(Map.of("otel.instrumentation.jdbc.query-sanitization.enabled", "false"))).isFalse();
		assertThat(enabled(Map.of("otel.instrumentation.jdbc.statement-sanitizer.enabled", "false"))).isFalse();
		assertThat(enabled(Map.of("otel.instrumentation.common.db.query-sanitization.enabled", "false"))).isFalse();
		assertThat(enabled(Map.of("otel.instrumentation.common.db.query-sanitization.enabled", "false",
				"otel.instrumentation.jdbc.query-sanitization.enabled", "true")))
			.isTrue();
	}

	private static boolean enabled(Map<String, String> properties) {
		MockEnvironment environment = new MockEnvironment();
		properties.forEach(environment::setProperty);
		return EngineQuerySanitization.enabled(environment);
	}

}
